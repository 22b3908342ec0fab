import autocannon from 'autocannon';
import type { LoadRunResult, LoadRunSpec } from './loadRun.js';

// The load generator runs in its own process (forked by runAutocannon): its event loop and its
// clock are not the gateway's, so a request is timed as a caller sees it.

async function run(spec: LoadRunSpec): Promise<LoadRunResult> {
  let next = 0;
  let failed = 0;
  const firstErrors: string[] = [];
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const item = spec.requests[next++ % spec.requests.length];
          return {
            ...request,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...item?.headers },
            body: item?.body ?? '',
          };
        },
        // A GraphQL error comes with HTTP 200: read every answer for one.
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('"errors"')) return;
          failed++;
          if (firstErrors.length < 3) firstErrors.push(`HTTP ${status}: ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const { latency } = result;
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    perSecond: result.duration > 0 ? result.requests.total / result.duration : Number.NaN,
    p50: latency.p50,
    p90: latency.p90,
    p99: latency.p99,
    mean: latency.mean,
    errors: failed + result.errors + result.timeouts,
    firstErrors,
  };
}

process.once('message', async (spec: LoadRunSpec) => {
  const result = await run(spec);
  process.send?.(result, () => process.disconnect());
});
