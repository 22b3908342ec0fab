/** Counts SQL statements by their first keyword; read by tests and the benchmark. */
export class StatementCounter {
  private counts = new Map<string, number>();
  total = 0;

  record(sql: string): void {
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
    this.counts.set(verb, (this.counts.get(verb) ?? 0) + 1);
    this.total++;
  }

  /** Statements of one kind (`select`, `insert`...) since the last reset. */
  count(verb: string): number {
    return this.counts.get(verb) ?? 0;
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
  }
}
