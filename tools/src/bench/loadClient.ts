import type { LoadBlock, LoadJob, PhaseResult } from './loadJob.js';

// The load client runs in its own process (forked by runLoad), so the hub's event loop and
// the clock that times it are not the same one: a request is timed as a caller sees it.

interface Answer {
  data?: { person?: { nationalId?: string } | null } | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Sends one request; undefined when the answer is the asked person with no errors. */
async function ask(
  url: string,
  headers: Record<string, string>,
  query: string,
  nationalId: string,
): Promise<string | undefined> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables: { nationalId } }),
  });
  const text = await response.text();
  if (!response.ok) return `HTTP ${response.status} for ${nationalId}: ${text.slice(0, 300)}`;
  const answer = JSON.parse(text) as Answer;
  if (answer.errors?.length) {
    const said = answer.errors.map((e) => `${e.extensions?.code ?? '?'}: ${e.message ?? ''}`);
    return `errors for ${nationalId}: ${said.join('; ').slice(0, 300)}`;
  }
  if (answer.data?.person?.nationalId !== nationalId) {
    return `data.person is ${JSON.stringify(answer.data?.person ?? null)} for ${nationalId}`;
  }
  return undefined;
}

async function runBlock(job: LoadJob, block: LoadBlock, into: PhaseResult): Promise<void> {
  const hub = job.hubs[block.target];
  if (!hub) throw new Error(`the load job names no hub ${block.target}`);
  let next = 0;
  const worker = async () => {
    while (next < block.nationalIds.length) {
      const nationalId = block.nationalIds[next++] ?? '';
      const sent = performance.now();
      const failure = await ask(hub.graphqlUrl, hub.headers, job.query, nationalId).catch(
        (error: unknown) => String(error),
      );
      const took = performance.now() - sent;
      if (failure === undefined) {
        into.latencies.push(took);
      } else {
        into.errors++;
        if (into.firstErrors.length < 5) into.firstErrors.push(failure);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: block.concurrency }, worker));
  into.wallMs += performance.now() - started;
  into.requests += block.nationalIds.length;
}

process.once('message', async (job: LoadJob) => {
  const results = new Map<string, PhaseResult>();
  for (const block of job.blocks) {
    const key = `${block.target}/${block.phase}`;
    let result = results.get(key);
    if (!result) {
      result = {
        target: block.target,
        phase: block.phase,
        requests: 0,
        concurrency: block.concurrency,
        latencies: [],
        wallMs: 0,
        errors: 0,
        firstErrors: [],
      };
      results.set(key, result);
    }
    await runBlock(job, block, result);
  }
  process.send?.([...results.values()], () => process.disconnect());
});
