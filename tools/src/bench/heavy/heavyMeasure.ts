import type { LoadBlockResult, LoadRunResult } from '../loadRun.js';
import { mergeBlocks } from '../mergeBlocks.js';
import { roundOrder } from '../prepareVariant.js';
import type { LoadClient } from '../runAutocannon.js';
import type { HeavyGateway } from './heavyGateways.js';
import { HEAVY_BODY } from './heavyQuery.js';
import type { HeavyVariantName } from './heavyVariants.js';

/** One variant's figures over all its blocks. */
export interface HeavyRun {
  variant: HeavyVariantName;
  result: LoadRunResult;
  /** The gateway process's CPU time per request sent, in milliseconds. */
  cpuMsPerRequest: number;
}

export interface HeavyMeasureOptions {
  gateways: readonly HeavyGateway[];
  load: LoadClient;
  durationSeconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}

interface Tally {
  blocks: LoadBlockResult[];
  sent: number;
  cpuMicros: number;
}

// What was in flight when a block's load stopped still runs: waited for before the gateway's
// CPU time is read, so it is counted in its own block and never in the next variant's.
const SETTLE_MS = 300;

/**
 * Loads every gateway with the heavy query in rounds that alternate the variants (reversed
 * every round), so whatever else the machine does falls on all of them alike.
 */
export async function measureHeavy(options: HeavyMeasureOptions): Promise<HeavyRun[]> {
  const blockSeconds = options.durationSeconds / options.rounds;
  const tallies = new Map<HeavyGateway, Tally>(
    options.gateways.map((g) => [g, { blocks: [], sent: 0, cpuMicros: 0 }]),
  );
  for (let round = 0; round < options.rounds; round++) {
    for (const [gateway, tally] of roundOrder([...tallies], round)) {
      const before = await gateway.process.memory();
      const block = await options.load.run({
        url: gateway.process.graphqlUrl,
        connections: options.connections,
        durationSeconds: blockSeconds,
        requests: [{ headers: gateway.headers, body: HEAVY_BODY }],
        startAt: tally.sent,
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const after = await gateway.process.memory();
      tally.cpuMicros += after.cpuMicros - before.cpuMicros;
      tally.sent += block.sent;
      tally.blocks.push(block);
      options.log(
        `  round ${round + 1}/${options.rounds} ${gateway.variant.name}: ${(block.latencies.length / block.durationSeconds).toFixed(0)} req/s`,
      );
    }
  }
  return [...tallies].map(([gateway, tally]) => {
    const result = mergeBlocks(tally.blocks);
    if (result.errors > 0) {
      options.log(
        `  ${gateway.variant.name}: ${result.errors} errors, e.g. ${result.firstErrors.join(' | ')}`,
      );
    }
    return {
      variant: gateway.variant.name,
      result,
      cpuMsPerRequest: tally.sent > 0 ? tally.cpuMicros / 1000 / tally.sent : Number.NaN,
    };
  });
}
