import { createHash } from 'node:crypto';
import type { ValueCipher } from './valueCipher.js';

/** What one cache entry holds: the data, the data subjects in it, and its eviction tags. */
export interface EntryPayload<D = unknown, S = unknown> {
  d: D;
  /** Department-reported subjects (national IDs, credit codes) of this data. */
  s?: S;
  t: string[];
  /** When the entry expires (epoch ms): what is built from it expires no later. */
  x?: number;
  /** A whole response's `extensions` (e.g. `valueCompletion`), replayed with its data. */
  e?: Record<string, unknown>;
  /** A whole response's max-age hint from the departments, in seconds. */
  h?: number;
}

const PLAIN = 'p.';

/**
 * The stored value of an entry's JSON (`JSON.stringify` of an `EntryPayload`), sealed
 * (AES-256-GCM) when it holds personal data. Callers keep the JSON: concurrent identical misses
 * are answered from it.
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
): EntryPayload<D, S> | undefined {
  const text = value.startsWith(PLAIN) ? value.slice(PLAIN.length) : cipher.open(value, key);
  return text === undefined ? undefined : parseEntry<D, S>(text);
}

/** Reads an entry's JSON; undefined unless it has the shape this code writes. */
export function parseEntry<D = unknown, S = unknown>(text: string): EntryPayload<D, S> | undefined {
  try {
    const payload = JSON.parse(text) as EntryPayload<D, S> | null;
    return payload && typeof payload === 'object' && Array.isArray(payload.t) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short SHA-256 digest (hex) of the parts, for key names. */
export function digest(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 40);
}
