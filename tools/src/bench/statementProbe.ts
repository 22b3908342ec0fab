import type { Hub } from '../startHub.js';

/** SQL statements one citizen-record request costs a department. */
export interface StatementUse {
  department: string;
  mean: number;
  min: number;
  max: number;
}

/**
 * Sends the query for each person in turn from this process and reads every department's
 * statement counter around each request. Untimed: it counts work, it does not time it.
 */
export async function probeStatements(
  hub: Hub,
  query: string,
  nationalIds: readonly string[],
): Promise<StatementUse[]> {
  const counts = new Map<string, number[]>(hub.departments.map((d) => [d.name, []]));
  for (const nationalId of nationalIds) {
    for (const department of hub.departments) department.statements.reset();
    const response = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { nationalId } }),
    });
    const answer = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || answer.errors?.length) {
      throw new Error(
        `the statement probe for ${nationalId} failed: ${JSON.stringify(answer).slice(0, 500)}`,
      );
    }
    for (const department of hub.departments) {
      counts.get(department.name)?.push(department.statements.total);
    }
  }
  return [...counts].map(([department, perRequest]) => ({
    department,
    mean: perRequest.reduce((sum, n) => sum + n, 0) / Math.max(1, perRequest.length),
    min: Math.min(...perRequest),
    max: Math.max(...perRequest),
  }));
}
