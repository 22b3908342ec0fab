import autocannon from 'autocannon';
import type { LoadBlockResult, LoadBlockSpec } from './loadRun.js';

// The load generator runs in its own process (started once by startLoadClient): its event loop
// and its clock are not the gateway's, so a request is timed as a caller sees it. It runs one
// block per message, in order, and answers each with what it measured.

async function run(spec: LoadBlockSpec): Promise<LoadBlockResult> {
  let next = spec.startAt;
  let failed = 0;
  const firstErrors: string[] = [];
  const latencies: number[] = [];
  const instance = autocannon({
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
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  return {
    latencies,
    durationSeconds: result.duration,
    sent: next - spec.startAt,
    errors: failed + result.errors + result.timeouts,
    firstErrors,
  };
}

let queue = Promise.resolve();
process.on('message', (spec: LoadBlockSpec) => {
  queue = queue.then(async () => {
    process.send?.(await run(spec));
  });
});
