import { randomBytes } from 'node:crypto';
import { cacheKeys } from '@govgraph/cache';
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

/** Store entries for a fetch batch: one sealed blob (if any member is sealed) and one per member. */
export function encodeBatch(
  cipher: ValueCipher,
  place: BatchPlace,
  members: readonly BatchMember[],
  ttlMs: number,
): StoreEntry[] {
  const sealed = members.filter((member) => member.sealed);
  const entries: StoreEntry[] = [];
  const batchId = randomBytes(12).toString('base64url');
  if (sealed.length > 0) {
    const blobKey = cacheKeys.batch(place.prefix, place.department, batchId);
    // Keys and JSON alternate, one a line: JSON.stringify never writes a raw newline.
    const plaintext = sealed.map((member) => `${member.key}\n${member.json}`).join('\n');
    entries.push({ key: blobKey, value: cipher.seal(plaintext, blobKey), ttlMs, tags: [] });
  }
  let index = 0;
  for (const member of members) {
    const value = member.sealed
      ? `${POINTER}${batchId}.${index++}`
      : encodeEntry(cipher, member.key, false, member.json);
    entries.push({ key: member.key, value, ttlMs, tags: member.tags });
  }
  return entries;
}

/** Reads the blobs at these keys; undefined when the store cannot answer. */
export type ReadBlobs = (keys: readonly string[]) => Promise<(string | null)[] | undefined>;

/**
 * The entries of `keys` from their stored `values` (null: not cached), in order; undefined for
 * a miss: not cached, its blob gone or unreadable, or a pointer that names another entity.
 * Each blob is read once and opened once, however many entries point into it.
 */
export async function openBatchEntries(
  cipher: ValueCipher,
  place: BatchPlace,
  keys: readonly string[],
  values: readonly (string | null)[],
  readBlobs: ReadBlobs,
): Promise<(CacheEntry | undefined)[]> {
  const entries: (CacheEntry | undefined)[] = new Array(keys.length).fill(undefined);
  /** Positions in `keys` pointing into each batch, with their index in the batch. */
  const pointers = new Map<string, { position: number; index: number }[]>();
  values.forEach((value, position) => {
    const key = keys[position];
    if (value === null || key === undefined) return;
    if (!value.startsWith(POINTER)) {
      entries[position] = openEntry(cipher, key, value);
      return;
    }
    const [, batchId, index] = POINTER_SHAPE.exec(value) ?? [];
    if (batchId === undefined || index === undefined) return;
    const list = pointers.get(batchId) ?? [];
    list.push({ position, index: Number(index) });
    pointers.set(batchId, list);
  });
  if (pointers.size === 0) return entries;

  const batchIds = [...pointers.keys()];
  const blobKeys = batchIds.map((id) => cacheKeys.batch(place.prefix, place.department, id));
  const blobs = await readBlobs(blobKeys);
  batchIds.forEach((batchId, b) => {
    const blob = blobs?.[b];
    const blobKey = blobKeys[b];
    const plaintext = blob && blobKey ? cipher.open(blob, blobKey) : undefined;
    if (plaintext === undefined) return;
    const lines = plaintext.split('\n');
    for (const { position, index } of pointers.get(batchId) ?? []) {
      const json = lines[2 * index + 1];
      if (lines[2 * index] === keys[position] && json !== undefined) {
        entries[position] = parseEntry(json);
      }
    }
  });
  return entries;
}
