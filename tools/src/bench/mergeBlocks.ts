import { latencyFigures } from './latencySummary.js';
import type { LoadBlockResult, LoadRunResult } from './loadRun.js';

/**
 * One variant's blocks as one run: requests per second over the blocks' summed wall time,
 * and nearest-rank percentiles over every latency of every block.
 */
export function mergeBlocks(blocks: readonly LoadBlockResult[]): LoadRunResult {
  const latencies = blocks.flatMap((b) => b.latencies);
  const durationSeconds = blocks.reduce((sum, b) => sum + b.durationSeconds, 0);
  return {
    requests: latencies.length,
    durationSeconds,
    perSecond: durationSeconds > 0 ? latencies.length / durationSeconds : Number.NaN,
    ...latencyFigures(latencies),
    errors: blocks.reduce((sum, b) => sum + b.errors, 0),
    firstErrors: blocks.flatMap((b) => b.firstErrors).slice(0, 3),
  };
}
