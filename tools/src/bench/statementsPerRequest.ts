/** SQL statements one request of a scenario costs a department. */
export interface StatementUse {
  department: string;
  mean: number;
  min: number;
  max: number;
}

/**
 * Per department, the statements of each request (`counts[i]` is request i's count by
 * department) as mean, min and max. Departments a request never reached count 0 for it.
 */
export function statementUse(
  departments: readonly string[],
  counts: readonly Readonly<Record<string, number>>[],
): StatementUse[] {
  return departments.map((department) => {
    const perRequest = counts.map((c) => c[department] ?? 0);
    const total = perRequest.reduce((sum, n) => sum + n, 0);
    return {
      department,
      mean: perRequest.length > 0 ? total / perRequest.length : Number.NaN,
      min: perRequest.length > 0 ? Math.min(...perRequest) : Number.NaN,
      max: perRequest.length > 0 ? Math.max(...perRequest) : Number.NaN,
    };
  });
}

/** Statements per request over a whole load run, all departments together. */
export function statementsPerRequest(statements: number, requests: number): number {
  return requests > 0 ? statements / requests : Number.NaN;
}

/** Departments whose most statements for one request grow from the short list to the long. */
export function growingDepartments(
  short: readonly StatementUse[],
  long: readonly StatementUse[],
): string[] {
  return long.flatMap((l) => {
    const s = short.find((x) => x.department === l.department);
    return s && l.max > s.max ? [`${l.department} (${s.max} → ${l.max})`] : [];
  });
}
