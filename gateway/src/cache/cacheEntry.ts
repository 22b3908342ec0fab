import { hash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { ValueCipher } from './valueCipher.js';

/** What one cache entry holds: the data, the data subjects in it, and its eviction tags. */
export interface CacheEntry<D = unknown, S = unknown> {
  data: D;
  /** Department-reported subjects (national IDs, credit codes) of this data. */
  subjects?: S;
  /** Entity and department tags (`entityTag`, `departmentTag`) whose eviction removes it. */
  tags: string[];
  /** When the entry expires (epoch ms): what is built from it expires no later. */
  expiresAt?: number;
  /** A whole response's `extensions` (e.g. `valueCompletion`), replayed with its data. */
  extensions?: Record<string, unknown>;
  /** A whole response's max-age hint from the departments, in seconds. */
  maxAgeHint?: number;
}

/**
 * The stored form: one letter per field, because a 100-person list stores a hundred of them
 * and Redis keeps every byte. Only this file knows these names.
 */
interface StoredEntry {
  d: unknown;
  s?: unknown;
  t: string[];
  x?: number;
  e?: Record<string, unknown>;
  h?: number;
}

/** An entry's JSON, as stored (sealed or not) and as followers of an in-flight read get it. */
export function serializeEntry(entry: CacheEntry): string {
  const stored: StoredEntry = {
    d: entry.data,
    ...(entry.subjects !== undefined ? { s: entry.subjects } : {}),
    t: entry.tags,
    ...(entry.expiresAt !== undefined ? { x: entry.expiresAt } : {}),
    ...(entry.extensions !== undefined ? { e: entry.extensions } : {}),
    ...(entry.maxAgeHint !== undefined ? { h: entry.maxAgeHint } : {}),
  };
  return JSON.stringify(stored);
}

/** Reads an entry's JSON; undefined unless it has the shape `serializeEntry` writes. */
export function parseEntry<D = unknown, S = unknown>(text: string): CacheEntry<D, S> | undefined {
  let stored: Partial<StoredEntry> | null;
  try {
    stored = JSON.parse(text) as Partial<StoredEntry> | null;
  } catch {
    return undefined;
  }
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.t)) return undefined;
  return {
    data: stored.d as D,
    ...(stored.s !== undefined ? { subjects: stored.s as S } : {}),
    tags: stored.t,
    ...(stored.x !== undefined ? { expiresAt: stored.x } : {}),
    ...(stored.e !== undefined ? { extensions: stored.e } : {}),
    ...(stored.h !== undefined ? { maxAgeHint: stored.h } : {}),
  };
}

const PLAIN = 'p.';

/**
 * The stored value of an entry's JSON, sealed (AES-256-GCM, the key as associated data) when
 * it holds personal data. Callers keep the JSON: concurrent identical misses are answered
 * from it.
 */
export function encodeEntry(
  cipher: ValueCipher,
  key: string,
  personal: boolean,
  json: string,
): string {
  return personal ? cipher.seal(json, key) : PLAIN + json;
}

/** The entry, or undefined when it cannot be opened or read (another key, tampered): a miss. */
export function openEntry<D = unknown, S = unknown>(
  cipher: ValueCipher,
  key: string,
  value: string,
): CacheEntry<D, S> | undefined {
  const text = value.startsWith(PLAIN) ? value.slice(PLAIN.length) : cipher.open(value, key);
  return text === undefined ? undefined : parseEntry<D, S>(text);
}

const stableJson = configure({ deterministic: true });

/**
 * JSON with object keys sorted (by UTF-16 code units), keys whose value is undefined left out,
 * so equal values always hash alike. safe-stable-stringify writes the same text as the
 * hand-written walk it replaced (pinned by a property test: existing cache keys keep their
 * names) at about a third of its cost.
 */
export function canonicalJson(value: unknown): string {
  return stableJson(value) ?? 'null';
}

/**
 * A short SHA-256 digest (hex) of the parts, each followed by a NUL, for key names. One-shot
 * `hash` is ~2.5x cheaper than a `createHash` object per call, on the warm list's ~200 calls.
 */
export function digest(...parts: string[]): string {
  let text = '';
  for (const part of parts) text += `${part}\u0000`;
  return hash('sha256', text, 'hex').slice(0, 40);
}
