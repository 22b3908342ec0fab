import { loadavg } from 'node:os';
import type { World } from '@govgraph/datagen';
import type { HubDepartment } from '../HubDepartment.js';
import type { SeededDepartment } from '../seedAll.js';
import { interleavedBlocks } from './interleavedBlocks.js';
import { type LatencySummary, summarize } from './latencySummary.js';
import { probeStatements } from './probeStatements.js';
import { runLoad } from './runLoad.js';
import { type BenchHub, startBenchHub } from './startBenchHub.js';
import type { StatementUse } from './statementsPerRequest.js';

export interface MeasureScaleOptions {
  departments: readonly HubDepartment<World>[];
  serverUrl: string;
  /** The composed supergraph of `departments`. */
  supergraphPath: string;
  /** The citizen-record document, as read from the repository. */
  query: string;
  small: number;
  large: number;
  seed: number;
  requests: number;
  concurrency: number;
  warmup: number;
  reseed: boolean;
  log: (line: string) => void;
}

export interface SizeMeasurement {
  people: number;
  /** Departments seeded by this run; empty when the databases were reused. */
  seeded: SeededDepartment[];
  sequential: LatencySummary;
  concurrent: LatencySummary;
  statements: StatementUse[];
}

export interface ScaleMeasurement {
  small: SizeMeasurement;
  large: SizeMeasurement;
  /** One-minute load average before and after measuring: other work on the machine shows here. */
  loadAverage: [number, number];
}

/** Untimed requests per size whose statement counts are read one by one. */
export const PROBE_REQUESTS = 200;
/** Requests per block before the load switches to the other hub. */
export const BLOCK_SIZE = 50;

/**
 * Starts the hub on the small and on the large world side by side, measures both in
 * alternating blocks from a separate client process, counts each one's SQL per request, and
 * stops them. Any failed request fails the whole measurement.
 */
export async function measureScale(options: MeasureScaleOptions): Promise<ScaleMeasurement> {
  const started: BenchHub[] = [];
  try {
    for (const people of [options.small, options.large]) {
      started.push(await startBenchHub({ ...options, people }));
    }
    const [small, large] = started;
    if (!small || !large) throw new Error('both hubs should have started');
    const name = (h: BenchHub) => String(h.people);
    options.log(
      `\n${options.warmup} warm-up requests per size, then ${options.requests} sequential and ${options.requests} at concurrency ${options.concurrency} per size, alternating sizes every ${BLOCK_SIZE} requests`,
    );
    const before = loadavg()[0] ?? Number.NaN;
    const results = await runLoad({
      query: options.query,
      hubs: Object.fromEntries(
        started.map((h) => [name(h), { graphqlUrl: h.hub.graphqlUrl, headers: h.headers }]),
      ),
      blocks: interleavedBlocks(
        started.map((h) => ({ name: name(h), sample: h.sample })),
        { ...options, blockSize: BLOCK_SIZE },
      ),
    });
    const after = loadavg()[0] ?? Number.NaN;
    const failed = results.filter((r) => r.errors > 0);
    if (failed.length > 0) {
      const lines = failed.flatMap((r) => [
        `${r.target} people, ${r.phase}: ${r.errors} of ${r.requests} requests failed, e.g.`,
        ...r.firstErrors.map((e) => `  ${e}`),
      ]);
      throw new Error(
        `the citizen record failed; figures with errors are worthless:\n${lines.join('\n')}`,
      );
    }
    const measurement = async (h: BenchHub): Promise<SizeMeasurement> => {
      const phase = (p: string) => {
        const result = results.find((r) => r.target === name(h) && r.phase === p);
        if (!result) throw new Error(`the load client returned no ${p} phase for ${h.people}`);
        return summarize(result);
      };
      return {
        people: h.people,
        seeded: h.seeded,
        sequential: phase('sequential'),
        concurrent: phase('concurrent'),
        statements: await probeStatements(
          h.hub.departments,
          h.hub.graphqlUrl,
          h.headers,
          h
            .sample(PROBE_REQUESTS)
            .map((nationalId) =>
              JSON.stringify({ query: options.query, variables: { nationalId } }),
            ),
        ),
      };
    };
    return {
      small: await measurement(small),
      large: await measurement(large),
      loadAverage: [before, after],
    };
  } finally {
    for (const h of started) await h.hub.stop();
  }
}
