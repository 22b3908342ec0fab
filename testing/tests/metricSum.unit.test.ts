import { describe, expect, it } from 'vitest';
import { metricSum } from '../src/metricSum.js';

const TEXT = [
  '# HELP govgraph_department_http_operations GraphQL operations per HTTP request.',
  '# TYPE govgraph_department_http_operations histogram',
  'govgraph_department_http_operations_bucket{le="1",department="tax"} 3',
  'govgraph_department_http_operations_sum{department="tax"} 7',
  'govgraph_department_http_operations_count{department="tax"} 4',
  'govgraph_department_http_operations_sum{department="say \\"hi\\", x"} 2',
  'govgraph_department_http_operations_sum_total 100',
  'process_cpu_seconds_total 0.5',
].join('\n');

describe('metricSum', () => {
  it('sums a metric over the label sets that hold the labels asked for', () => {
    expect(metricSum(TEXT, 'govgraph_department_http_operations_sum')).toBe(9);
    expect(metricSum(TEXT, 'govgraph_department_http_operations_sum', { department: 'tax' })).toBe(
      7,
    );
    expect(
      metricSum(TEXT, 'govgraph_department_http_operations_sum', { department: 'say \\"hi\\", x' }),
    ).toBe(2);
    expect(metricSum(TEXT, 'process_cpu_seconds_total')).toBe(0.5);
  });

  it('is undefined for a metric or label set with no sample, never a name it only starts', () => {
    expect(metricSum(TEXT, 'govgraph_department_http_operations')).toBeUndefined();
    expect(
      metricSum(TEXT, 'govgraph_department_http_operations_sum', { department: 'population' }),
    ).toBeUndefined();
    expect(metricSum('', 'process_cpu_seconds_total')).toBeUndefined();
  });
});
