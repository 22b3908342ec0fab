import type { CountedDepartment } from './probeStatements.js';

/**
 * Waits until the departments have run no statement for `quietMs` (at most `maxMs`): what the
 * previous block left in flight when the load generator stopped has finished, so it is counted
 * against no block and competes with none.
 */
export async function quiesce(
  departments: readonly CountedDepartment[],
  quietMs = 100,
  maxMs = 10_000,
): Promise<void> {
  const total = () => departments.reduce((sum, d) => sum + d.statements.total, 0);
  const started = performance.now();
  let last = total();
  let quietSince = performance.now();
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = total();
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= quietMs) {
      return;
    }
  }
}
