/**
 * Whose data one request returned, and whether any of it came from a cache: the audit record's
 * `subjects` and `cached`. One per request, made with its context at the HTTP edge; written by
 * the data source (the subjects each department reports), the entity cache and the response
 * cache (a hit is an access like any other, docs/access.md); read by the response cache (an
 * answer naming subjects is sealed) and by the audit stage.
 */
export class SubjectLedger {
  readonly #subjects = new Set<string>();
  #cached = false;

  /** Adds national IDs and credit codes whose data the answer holds. */
  record(subjects: Iterable<string>): void {
    for (const subject of subjects) this.#subjects.add(subject);
  }

  /** Notes that part of the answer came from a cache. */
  markCached(): void {
    this.#cached = true;
  }

  get subjects(): ReadonlySet<string> {
    return this.#subjects;
  }

  get cached(): boolean {
    return this.#cached;
  }
}

/**
 * The ledger of a request context, for code that receives the context untyped (Apollo's data
 * source hooks): undefined for a context without one (health checks, schema loading).
 */
export function ledgerOf(context: unknown): SubjectLedger | undefined {
  const ledger = (context as { ledger?: unknown } | undefined)?.ledger;
  return ledger instanceof SubjectLedger ? ledger : undefined;
}
