import { hash } from 'node:crypto';

// Persisted department queries (docs/architecture.md#persisted-department-queries). Apollo
// Server hashes the text of every operation it is sent (SHA-256, the key of its parsed-document
// cache) before it looks at anything else; on the citizen record that hashing was the largest
// single cost a department could shed (its CPU per record fell 12-19% without it). With
// automatic persisted queries (Apollo's APQ protocol) the gateway sends a query's hash instead
// of its text once the department has the text: the department looks the text up by the hash it
// is given, and the request carries a few dozen bytes instead of the whole query.
//
// The gateway's side: it hashes each query text once (plans are cached, so their texts repeat),
// sends hash and text the first time, the hash alone once the department has run it, and the
// text again when the department answers that it does not know the hash (restarted, or evicted
// it). A department that refuses persisted queries is sent texts from then on. Mutations are
// always sent as text, without a hash: a department keeps queries only.

/** Apollo Server's answer to a hash it does not hold, and to a hash when APQ is off. */
export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';
export const PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED';

/** How one operation goes to the department: its text, its hash, or both (registering it). */
export type PersistedForm = 'text' | 'hash' | 'both';

/** The query texts one department holds by hash, as far as the gateway knows. */
export class PersistedQueries {
  readonly #capacity: number;
  /** Query text → its SHA-256 in hex; least recently used first. */
  readonly #hashes = new Map<string, string>();
  /** Hashes the department has run from a text the gateway sent it. */
  readonly #held = new Set<string>();
  #supported = true;

  /** `capacity`: texts (and hashes held) remembered; older ones are hashed and sent again. */
  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  /** False once the department answered that it takes no persisted queries. */
  get supported(): boolean {
    return this.#supported;
  }

  /** The hash of a query text (hex SHA-256, as Apollo Server computes it). */
  hashOf(text: string): string {
    let known = this.#hashes.get(text);
    if (known === undefined) {
      known = hash('sha256', text, 'hex');
      if (this.#hashes.size >= this.#capacity) {
        const oldest = this.#hashes.keys().next().value;
        if (oldest !== undefined) this.#hashes.delete(oldest);
      }
      this.#hashes.set(text, known);
    }
    return known;
  }

  /** How to send the query with this hash: the hash alone once the department holds its text. */
  formFor(queryHash: string): PersistedForm {
    if (!this.#supported) return 'text';
    return this.#held.has(queryHash) ? 'hash' : 'both';
  }

  /** The department ran the text sent with this hash, so it holds it. */
  held(queryHash: string): void {
    if (!this.#supported || this.#held.has(queryHash)) return;
    if (this.#held.size >= this.#capacity) {
      const oldest = this.#held.values().next().value;
      if (oldest !== undefined) this.#held.delete(oldest);
    }
    this.#held.add(queryHash);
  }

  /** The department answered PERSISTED_QUERY_NOT_FOUND: it lost the text (restart, eviction). */
  lost(queryHash: string): void {
    this.#held.delete(queryHash);
  }

  /** The department answered PERSISTED_QUERY_NOT_SUPPORTED: texts only from now on. */
  refused(): void {
    this.#supported = false;
    this.#held.clear();
  }
}

/** The persisted-query code of an answer's errors, when it failed for its hash. */
export function persistedQueryFailure(
  body: { errors?: readonly { extensions?: { code?: unknown } }[] },
  form: PersistedForm,
): typeof PERSISTED_QUERY_NOT_FOUND | typeof PERSISTED_QUERY_NOT_SUPPORTED | undefined {
  if (form === 'text' || !Array.isArray(body.errors)) return undefined;
  for (const error of body.errors) {
    const code = error.extensions?.code;
    if (code === PERSISTED_QUERY_NOT_SUPPORTED) return code;
    if (code === PERSISTED_QUERY_NOT_FOUND && form === 'hash') return code;
  }
  return undefined;
}
