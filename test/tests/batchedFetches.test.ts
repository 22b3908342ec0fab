import { readFileSync } from 'node:fs';
import { latestAuditRecords } from '@govgraph/governance';
import { nationalIdCheckChar } from '@govgraph/schema';
import { metricSum } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// The gateway sends the queries of one request that leave for a department together as one
// batched POST (docs/architecture.md#batched-department-fetches). Against every real department:
// the answers, their errors and the data subjects the audit record names are the same as when
// every fetch goes alone (SUBGRAPH_BATCH_OPERATIONS=1).

const citizenRecord = readFileSync(
  new URL('../../citizen-record.graphql', import.meta.url),
  'utf8',
);

/** HTTP requests and GraphQL operations every department of `hub` has taken so far. */
async function taken(hub: TestHub): Promise<{ requests: number; operations: number }> {
  let requests = 0;
  let operations = 0;
  for (const department of hub.hub.departments) {
    const text = await (await fetch(new URL('/metrics', department.url))).text();
    requests += metricSum(text, 'govgraph_department_http_operations_count') ?? 0;
    operations += metricSum(text, 'govgraph_department_http_operations_sum') ?? 0;
  }
  return { requests, operations };
}

const difference = (
  after: { requests: number; operations: number },
  before: { requests: number; operations: number },
) => ({
  requests: after.requests - before.requests,
  operations: after.operations - before.operations,
});

describe('batched department fetches answer as single fetches do', () => {
  let batched: TestHub;
  let single: TestHub;
  beforeAll(async () => {
    [batched, single] = await Promise.all([
      startTestHub('sqlite'),
      startTestHub('sqlite', undefined, undefined, { SUBGRAPH_BATCH_OPERATIONS: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([batched?.stop(), single?.stop()]);
  });

  it('gives the same citizen records and audits the same subjects, in fewer requests', async () => {
    const world = batched.world;
    const before = await Promise.all([taken(batched), taken(single)]);
    const people = [
      world.company(3).representativeIndex,
      world.company(10).representativeIndex,
      world.person(world.company(3).representativeIndex).childIndexes[0] ?? 2,
    ].map((index) => world.person(index).nationalId);
    for (const nationalId of people) {
      const [a, b] = await Promise.all([
        batched.query(citizenRecord, { nationalId }),
        single.query(citizenRecord, { nationalId }),
      ]);
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(b.data);
      expect((a.data?.person as { nationalId: string } | undefined)?.nationalId).toBe(nationalId);
      const [[recordA], [recordB]] = await Promise.all([
        latestAuditRecords(batched.hub.services.store, 1),
        latestAuditRecords(single.hub.services.store, 1),
      ]);
      expect(recordA?.subjects).toContain(nationalId);
      expect([...(recordA?.subjects ?? [])].sort()).toEqual([...(recordB?.subjects ?? [])].sort());
    }
    // The departments ran the same operations, in fewer HTTP requests where they were batched.
    const [a, b] = (await Promise.all([taken(batched), taken(single)])).map((after, i) =>
      difference(after, before[i] ?? after),
    );
    expect(a?.operations).toBeGreaterThan(0);
    expect(a?.operations).toBe(b?.operations);
    expect(b?.requests).toBe(b?.operations);
    expect(a?.requests).toBeLessThan(a?.operations ?? 0);
  });

  it('answers an unknown person the same way', async () => {
    const nationalId = `11010519491231001${nationalIdCheckChar('11010519491231001')}`;
    const [one, two] = await Promise.all([
      batched.query(citizenRecord, { nationalId }),
      single.query(citizenRecord, { nationalId }),
    ]);
    expect(one).toEqual(two);
    expect(one).toEqual({ data: { person: null } });
  });
});
