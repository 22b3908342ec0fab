import { hash } from 'node:crypto';
import { PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED } from '@govgraph/schema';

// Persisted department queries (docs/architecture.md#persisted-department-queries). Apollo
// Server hashes the text of every operation it is sent (SHA-256, the key of its parsed-document
// cache) before it looks at anything else; on the citizen record that hashing was the largest
// single cost a department could shed (its CPU per record fell by about a sixth without it). With
// automatic persisted queries (Apollo's APQ protocol) the gateway sends a query's hash instead
// of its text once the department has the text: the department looks the text up by the hash it
// is given, and the request carries a few dozen bytes instead of the whole query.
//
// The gateway's side: it hashes each query text once (plans are cached, so their texts repeat),
// sends hash and text the first time, the hash alone once the department has run it, and the
// text again when the department answers that it does not know the hash (restarted, or evicted
// it). A department that refuses persisted queries is sent texts from then on. Mutations are
// always sent as text, without a hash: a department keeps queries only.

/** How one operation goes to the department: its text, its hash, or both (registering it). */
export type PersistedForm = 'text' | 'hash' | 'both';

/** What `again` reads of a department's answer: its errors' codes, and whether it has data. */
type Answer = { errors?: readonly { extensions?: { code?: unknown } }[] };

/** The query texts one department holds by hash, as far as the gateway knows. */
export class PersistedQueries {
  readonly #capacity: number;
  /** Query text → its SHA-256 in hex; the oldest first out. */
  readonly #hashes = new Map<string, string>();
  /** Hashes the department has run from a text the gateway sent it; the oldest first out. */
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

  /** How to send the query with this hash first: the hash alone once the department holds it. */
  formFor(queryHash: string): PersistedForm {
    return this.#held.has(queryHash) ? 'hash' : 'both';
  }

  /**
   * Takes the department's answer to the query sent as `form`, and says how to send it again,
   * or undefined when the answer stands:
   * - PERSISTED_QUERY_NOT_SUPPORTED: the department takes no hashes; texts from now on;
   * - PERSISTED_QUERY_NOT_FOUND to a hash alone: it lost the text (restart, eviction); text and
   *   hash again;
   * - anything else stands; when text and hash were sent and it ran (it has `data`), Apollo
   *   Server has kept the text under the hash, so the hash alone goes next time.
   */
  again(queryHash: string, form: PersistedForm, answer: Answer): PersistedForm | undefined {
    if (form === 'text') return undefined;
    const codes = Array.isArray(answer.errors) ? answer.errors.map((e) => e.extensions?.code) : [];
    if (codes.includes(PERSISTED_QUERY_NOT_SUPPORTED.code)) {
      this.#supported = false;
      this.#held.clear();
      return 'text';
    }
    if (form === 'hash') {
      if (!codes.includes(PERSISTED_QUERY_NOT_FOUND.code)) return undefined;
      this.#held.delete(queryHash);
      return 'both';
    }
    if ('data' in answer && this.#supported) this.#hold(queryHash);
    return undefined;
  }

  #hold(queryHash: string): void {
    if (this.#held.has(queryHash)) return;
    if (this.#held.size >= this.#capacity) {
      const oldest = this.#held.values().next().value;
      if (oldest !== undefined) this.#held.delete(oldest);
    }
    this.#held.add(queryHash);
  }
}
