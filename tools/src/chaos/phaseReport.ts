import { answered } from './invariants.js';
import type { Attempt } from './load.js';

/** One phase of the run: a fault on, then off, and what the clients saw meanwhile. */
export interface PhaseWindow {
  phase: string;
  /** What was done, e.g. "approvals SIGKILLed". */
  what: string[];
  /** Milliseconds since the run started. */
  injectedAt: number;
  restoreStartedAt: number;
  restoredAt: number;
  endedAt: number;
  expected: Set<string>;
}

export interface PhaseResult {
  phase: string;
  what: string;
  requests: number;
  ok: number;
  partial: number;
  failed: number;
  errorsByCode: Record<string, number>;
  unexpectedCodes: string[];
  p99DuringMs: number;
  p99AfterMs: number;
  restartMs: number;
  /** From the fault lifted until the last request that saw an error ended; null: never clean again. */
  recoveredAfterMs: number | null;
}

export function p99(latencies: readonly number[]): number {
  if (latencies.length === 0) return 0;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
}

const endOf = (a: Attempt) => a.startedAt + a.latencyMs;

/**
 * Summarises the attempts that ended within the phase's window: a request in flight when the
 * fault struck counts for the fault, not for the calm before it.
 */
export function summarisePhase(window: PhaseWindow, attempts: readonly Attempt[]): PhaseResult {
  const inPhase = attempts.filter(
    (a) => endOf(a) >= window.injectedAt && endOf(a) < window.endedAt,
  );
  const during = inPhase.filter((a) => endOf(a) < window.restoredAt);
  const after = inPhase.filter((a) => endOf(a) >= window.restoredAt);
  const errorsByCode: Record<string, number> = {};
  for (const attempt of inPhase) {
    for (const code of new Set(attempt.codes)) errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
  }
  return {
    phase: window.phase,
    what: window.what.join('; ') || 'no fault',
    requests: inPhase.length,
    ok: inPhase.filter((a) => a.codes.length === 0).length,
    partial: inPhase.filter((a) => a.codes.length > 0 && a.data !== null && answered(a)).length,
    failed: inPhase.filter((a) => a.codes.length > 0 && (a.data === null || !answered(a))).length,
    errorsByCode,
    unexpectedCodes: Object.keys(errorsByCode).filter((c) => !window.expected.has(c)),
    p99DuringMs: p99(during.map((a) => a.latencyMs)),
    p99AfterMs: p99(after.map((a) => a.latencyMs)),
    restartMs: window.restoredAt - window.restoreStartedAt,
    recoveredAfterMs: recovery(window, inPhase),
  };
}

function recovery(window: PhaseWindow, attempts: readonly Attempt[]): number | null {
  const failing = attempts.filter((a) => a.codes.length > 0);
  const lastEnd = Math.max(
    window.restoreStartedAt,
    ...failing.map((a) => a.startedAt + a.latencyMs),
  );
  // Still failing in the last quarter of the quiet window: not recovered.
  const quietFrom = window.endedAt - (window.endedAt - window.restoredAt) / 4;
  if (failing.some((a) => endOf(a) >= quietFrom)) return null;
  return lastEnd - window.restoreStartedAt;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The results as a Markdown table (the same one docs/reliability.md records). */
export function phaseTable(results: readonly PhaseResult[]): string {
  const header =
    '| phase | fault | requests | ok | partial | failed | errors by code | p99 during | p99 after | restart | clean again after |';
  const rule = '| --- | --- | --: | --: | --: | --: | --- | --: | --: | --: | --: |';
  const rows = results.map((r) => {
    const codes =
      Object.entries(r.errorsByCode)
        .map(([code, n]) => `${r.unexpectedCodes.includes(code) ? '⚠ ' : ''}${code} ${n}`)
        .join(', ') || '—';
    const recovered = r.recoveredAfterMs === null ? '⚠ not recovered' : seconds(r.recoveredAfterMs);
    // The baseline has no fault to lift: its one window is its "during".
    const [after, restart, clean] =
      r.phase === 'baseline'
        ? ['—', '—', '—']
        : [`${Math.round(r.p99AfterMs)} ms`, seconds(r.restartMs), recovered];
    return `| ${r.phase} | ${r.what} | ${r.requests} | ${r.ok} | ${r.partial} | ${r.failed} | ${codes} | ${Math.round(r.p99DuringMs)} ms | ${after} | ${restart} | ${clean} |`;
  });
  return [header, rule, ...rows].join('\n');
}
