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

/** An entry's fields other than its data, in their stored letters. */
type StoredFields = Omit<StoredEntry, 'd'>;

function storedFields(entry: Omit<CacheEntry, 'data'>): StoredFields {
  return {
    ...(entry.subjects !== undefined ? { s: entry.subjects } : {}),
    t: entry.tags,
    ...(entry.expiresAt !== undefined ? { x: entry.expiresAt } : {}),
    ...(entry.extensions !== undefined ? { e: entry.extensions } : {}),
    ...(entry.maxAgeHint !== undefined ? { h: entry.maxAgeHint } : {}),
  };
}

/** The fields of parsed stored JSON; undefined unless it has the shape `storedFields` writes. */
function entryFields<S>(stored: unknown): Omit<CacheEntry<never, S>, 'data'> | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const { s, t, x, e, h } = stored as Partial<StoredEntry>;
  if (!Array.isArray(t)) return undefined;
  return {
    ...(s !== undefined ? { subjects: s as S } : {}),
    tags: t,
    ...(x !== undefined ? { expiresAt: x } : {}),
    ...(e !== undefined ? { extensions: e } : {}),
    ...(h !== undefined ? { maxAgeHint: h } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An entry's JSON, as stored (sealed or not) and as followers of an in-flight read get it. */
export function serializeEntry(entry: CacheEntry): string {
  const { data, ...rest } = entry;
  return JSON.stringify({ d: data, ...storedFields(rest) });
}

/** Reads an entry's JSON; undefined unless it has the shape `serializeEntry` writes. */
export function parseEntry<D = unknown, S = unknown>(text: string): CacheEntry<D, S> | undefined {
  const stored = parseJson(text);
  const fields = entryFields<S>(stored);
  return fields && { data: (stored as { d?: unknown }).d as D, ...fields };
}

/** A whole response's entry: its data kept as the JSON text the cold answer's data was. */
export interface ResponseEntry extends Omit<CacheEntry<never, string[]>, 'data'> {
  /** `JSON.stringify` of the answer's `data` (an object). */
  dataJson: string;
  /** The cold answer's actual cost (docs/limits.md): a hit is measured alike. */
  actualCost?: number;
}

/**
 * A response entry's stored form: its other fields as JSON (the letters above, the actual
 * cost as `c`), a newline, then the data's JSON text. `JSON.stringify` writes no newline, so
 * the first one ends the header, and a hit reads the header without parsing the data
 * (docs/caching.md#serving-a-hit).
 */
export function serializeResponseEntry(entry: ResponseEntry): string {
  const { dataJson, actualCost, ...rest } = entry;
  const header = { ...storedFields(rest), ...(actualCost !== undefined ? { c: actualCost } : {}) };
  return `${JSON.stringify(header)}\n${dataJson}`;
}

/**
 * Reads a response entry; undefined unless it has the shape `serializeResponseEntry` writes
 * (an entry of the earlier one-JSON form is a miss, and the answer is stored again).
 */
export function parseResponseEntry(text: string): ResponseEntry | undefined {
  const end = text.indexOf('\n');
  if (end < 0 || text[end + 1] !== '{') return undefined;
  const header = parseJson(text.slice(0, end));
  const fields = entryFields<string[]>(header);
  if (!fields || (fields.subjects !== undefined && !isStrings(fields.subjects))) return undefined;
  const cost = (header as { c?: unknown }).c;
  return {
    ...fields,
    dataJson: text.slice(end + 1),
    ...(typeof cost === 'number' ? { actualCost: cost } : {}),
  };
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
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

/**
 * The entry, or undefined when it cannot be opened or read (another key, tampered, or plain
 * where `sealedOnly`): a miss.
 */
export function openEntry<D = unknown, S = unknown>(
  cipher: ValueCipher,
  key: string,
  value: string,
  sealedOnly = false,
): CacheEntry<D, S> | undefined {
  const text = openValue(cipher, key, value, sealedOnly);
  return text === undefined ? undefined : parseEntry<D, S>(text);
}

/**
 * A stored value's plaintext (sealed or plain); undefined when it does not open under `key`,
 * or when it is plain and `sealedOnly` (data of a personal operation, which this gateway always
 * seals: a plain value there was written by someone without the keys).
 */
export function openValue(
  cipher: ValueCipher,
  key: string,
  value: string,
  sealedOnly = false,
): string | undefined {
  if (isPlain(value)) return sealedOnly ? undefined : value.slice(PLAIN.length);
  return cipher.open(value, key);
}

/** True for a value stored unsealed (`encodeEntry` with `personal` false). */
export function isPlain(value: string): boolean {
  return value.startsWith(PLAIN);
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
