import type { StatementCounter } from '@govgraph/department/db';
import { type StatementUse, statementUse } from './statementsPerRequest.js';

/** A department whose statements the benchmark counts. */
export interface CountedDepartment {
  name: string;
  statements: StatementCounter;
}

/**
 * Sends each body in turn to `url` and reads every department's statement counter around
 * each one. Untimed: it counts work, it does not time it. A failed answer throws.
 */
export async function probeStatements(
  departments: readonly CountedDepartment[],
  url: string,
  headers: Record<string, string>,
  bodies: readonly string[],
): Promise<StatementUse[]> {
  const counts: Record<string, number>[] = [];
  for (const body of bodies) {
    for (const department of departments) department.statements.reset();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"')) {
      throw new Error(
        `the statement probe failed (HTTP ${response.status}): ${text.slice(0, 500)}`,
      );
    }
    counts.push(Object.fromEntries(departments.map((d) => [d.name, d.statements.total])));
  }
  return statementUse(
    departments.map((d) => d.name),
    counts,
  );
}
