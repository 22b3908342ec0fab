import type { PhaseResult } from './loadJob.js';

/** One phase's figures; latencies in milliseconds. */
export interface LatencySummary {
  phase: string;
  requests: number;
  concurrency: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  /** Answered requests per second of the phase's wall time. */
  perSecond: number;
}

/** The nearest-rank percentile of ascending `sorted` (p in 0–100): a latency that was measured. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** p50, p90, p99 (nearest rank) and mean of `latencies` in milliseconds, in any order. */
export function latencyFigures(
  latencies: readonly number[],
): Pick<LatencySummary, 'p50' | 'p90' | 'p99' | 'mean'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    mean: sorted.length > 0 ? total / sorted.length : Number.NaN,
  };
}

/** One phase of the load client's results as its figures. */
export function summarize(result: PhaseResult): LatencySummary {
  return {
    phase: result.phase,
    requests: result.requests,
    concurrency: result.concurrency,
    errors: result.errors,
    ...latencyFigures(result.latencies),
    perSecond: result.wallMs > 0 ? (result.latencies.length / result.wallMs) * 1000 : Number.NaN,
  };
}
