import { randomBytes } from 'node:crypto';
import { cacheKeys } from '@govgraph/cache';
import { LRUCache } from 'lru-cache';
import { type CacheEntry, encodeEntry, openEntry, parseEntry } from './cacheEntry.js';
import type { StoreEntry } from './store/CacheStore.js';
import type { ValueCipher } from './valueCipher.js';

// The entity cache's stored form (docs/caching.md#one-cipher-call-per-fetch-batch). The
// entities one department fetch returned are stored together: those to be sealed go into one
// *batch blob* (`cacheKeys.batch`), sealed with one cipher call, and each entity's own entry
// holds a pointer `b.<batch id>.<index>` instead of a sealed copy. Reading N entities written
// together costs one decryption, not N. Eviction is untouched: it deletes entity entries by
// tag, and an entity whose entry is gone is a miss whatever its blob still holds. The blob's
// plaintext repeats each entity's key, and the blob is sealed under its own key, so a pointer
// moved to another entity's entry (or a blob moved to another key) opens as a miss.
//
// A blob never changes once written, so each gateway keeps the blobs it wrote or opened until
// they expire (`BatchMemo`): a list whose people were written by many earlier fetches would
// otherwise fetch and open many large blobs on every read. Entries (the pointers) are still
// read from Redis every time, so an eviction takes effect at once.

const POINTER = 'b.';
const POINTER_SHAPE = /^b\.([\w-]{16})\.(\d{1,6})$/;

/** One entity of a fetch batch to store. */
export interface BatchMember {
  key: string;
  /** Its entry's JSON (`serializeEntry`). */
  json: string;
  tags: readonly string[];
  /** Personal data or named subjects: it goes into the sealed blob. */
  sealed: boolean;
}

/** Where a batch's blob lives: the department's batch keys. */
export interface BatchPlace {
  prefix: string;
  department: string;
}

/** Opened blobs by key: their lines (expiry, then key and entry JSON of each member). */
export type BatchMemo = LRUCache<string, readonly string[]>;

/** A memo of opened blobs, bounded in bytes; each is dropped when its blob expires. */
export function createBatchMemo(maxBytes = 32 * 1024 * 1024): BatchMemo {
  return new LRUCache<string, readonly string[]>({
    maxSize: maxBytes,
    sizeCalculation: (lines, key) =>
      2 * lines.reduce((sum, line) => sum + line.length, key.length) + 64,
  });
}

/** The entries of a fetch batch, and its opened blob to remember once they are stored. */
export interface EncodedBatch {
  entries: StoreEntry[];
  blob?: { key: string; lines: readonly string[]; ttlMs: number };
}

/** Store entries for a fetch batch: one sealed blob (if any member is sealed) and one per member. */
export function encodeBatch(
  cipher: ValueCipher,
  place: BatchPlace,
  members: readonly BatchMember[],
  ttlMs: number,
): EncodedBatch {
  const sealed = members.filter((member) => member.sealed);
  const entries: StoreEntry[] = [];
  const batchId = randomBytes(12).toString('base64url');
  let blob: EncodedBatch['blob'];
  if (sealed.length > 0) {
    const key = cacheKeys.batch(place.prefix, place.department, batchId);
    // The expiry, then keys and JSON alternating, one a line: JSON.stringify writes no newline.
    const lines = [String(Date.now() + ttlMs)];
    for (const member of sealed) lines.push(member.key, member.json);
    entries.push({ key, value: cipher.seal(lines.join('\n'), key), ttlMs, tags: [] });
    blob = { key, lines, ttlMs };
  }
  let index = 0;
  for (const member of members) {
    const value = member.sealed
      ? `${POINTER}${batchId}.${index++}`
      : encodeEntry(cipher, member.key, false, member.json);
    entries.push({ key: member.key, value, ttlMs, tags: member.tags });
  }
  return blob ? { entries, blob } : { entries };
}

/** Keeps a blob this gateway stored, so its own reads need not open it. */
export function rememberBatch(memo: BatchMemo, blob: NonNullable<EncodedBatch['blob']>): void {
  memo.set(blob.key, blob.lines, { ttl: blob.ttlMs });
}

/** Reads the blobs at these keys; undefined when the store cannot answer. */
export type ReadBlobs = (keys: readonly string[]) => Promise<(string | null)[] | undefined>;

/**
 * The entries of `keys` from their stored `values` (null: not cached), in order; undefined for
 * a miss: not cached, its blob gone or unreadable, a pointer that names another entity, or a
 * plain entry where `sealedOnly` (blobs are always sealed).
 * Each blob is read and opened at most once, and not at all when the memo holds it.
 */
export async function openBatchEntries(
  cipher: ValueCipher,
  place: BatchPlace,
  keys: readonly string[],
  values: readonly (string | null)[],
  readBlobs: ReadBlobs,
  memo?: BatchMemo,
  sealedOnly = false,
): Promise<(CacheEntry | undefined)[]> {
  const entries: (CacheEntry | undefined)[] = new Array(keys.length).fill(undefined);
  /** Positions in `keys` pointing into each blob, with their index in the batch. */
  const pointers = new Map<string, { position: number; index: number }[]>();
  values.forEach((value, position) => {
    const key = keys[position];
    if (value === null || key === undefined) return;
    if (!value.startsWith(POINTER)) {
      entries[position] = openEntry(cipher, key, value, sealedOnly);
      return;
    }
    const [, batchId, index] = POINTER_SHAPE.exec(value) ?? [];
    if (batchId === undefined || index === undefined) return;
    const blobKey = cacheKeys.batch(place.prefix, place.department, batchId);
    const list = pointers.get(blobKey) ?? [];
    list.push({ position, index: Number(index) });
    pointers.set(blobKey, list);
  });
  if (pointers.size === 0) return entries;

  const opened = new Map<string, readonly string[]>();
  const unread: string[] = [];
  for (const blobKey of pointers.keys()) {
    const lines = memo?.get(blobKey);
    if (lines) opened.set(blobKey, lines);
    else unread.push(blobKey);
  }
  const blobs = unread.length > 0 ? await readBlobs(unread) : [];
  unread.forEach((blobKey, b) => {
    const blob = blobs?.[b];
    const plaintext = blob ? cipher.open(blob, blobKey) : undefined;
    if (plaintext === undefined) return;
    const lines = plaintext.split('\n');
    opened.set(blobKey, lines);
    const ttl = Number(lines[0]) - Date.now();
    if (memo && ttl > 0) memo.set(blobKey, lines, { ttl });
  });
  for (const [blobKey, lines] of opened) {
    for (const { position, index } of pointers.get(blobKey) ?? []) {
      const json = lines[2 + 2 * index];
      if (lines[1 + 2 * index] === keys[position] && json !== undefined) {
        entries[position] = parseEntry(json);
      }
    }
  }
  return entries;
}
