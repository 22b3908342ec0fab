import { randomBytes } from 'node:crypto';
import { cacheKeys } from '@govgraph/cache';
import { LRUCache } from 'lru-cache';
import {
  encodeEntry,
  isPlain,
  openValue,
  parseResponseEntry,
  type ResponseEntry,
  serializeResponseEntry,
} from './cacheEntry.js';
import type { StoreEntry } from './store/CacheStore.js';
import type { ValueCipher } from './valueCipher.js';

// The response cache's stored form (docs/caching.md#serving-a-hit). A response entry holds a
// pointer `a.<answer id>` to an *answer blob* (`cacheKeys.answer`): the entry's key, a
// newline, then the entry (`serializeResponseEntry`), sealed under the blob's own key when it
// holds personal data. A blob never changes once written, so each gateway keeps the answers
// it stored or opened until they expire (`AnswerMemo`), with the body as sent and its UTF-8
// bytes: a hit of the 100-person list then moves a pointer from Redis instead of ~55 KB, and
// opens, decodes, parses and encodes nothing. The pointer is still read from Redis on every
// request, so an eviction takes effect at once, on every gateway.

const POINTER = 'a.';
const POINTER_SHAPE = /^a\.([\w-]{16})$/;

/** A stored response, opened: its entry, and the body a hit sends when nothing is added. */
export interface OpenedAnswer {
  /** The response key it was stored for: a pointer copied under another key is a miss. */
  key: string;
  entry: ResponseEntry;
  /** Whether it was sealed (AES-GCM: written by a holder of the key) or stored plain. */
  sealed: boolean;
  /** `{"data":…}` and a newline, as text and as UTF-8; none when the entry has extensions. */
  body?: AnswerBody;
}

/** A hit's whole HTTP body, when it is the stored data alone. */
export interface AnswerBody {
  text: string;
  bytes: Buffer;
}

/** Opened answers by blob key. */
export type AnswerMemo = LRUCache<string, OpenedAnswer>;

/** A memo of opened answers, bounded in bytes; each is dropped when its entry expires. */
export function createAnswerMemo(maxBytes = 32 * 1024 * 1024): AnswerMemo {
  return new LRUCache<string, OpenedAnswer>({
    maxSize: maxBytes,
    // Strings counted at two bytes a character (the worst case), the bytes as they are. With a
    // body, the data's text is a slice of the body's (openedAnswer): counted once.
    sizeCalculation: ({ key, entry, body }) =>
      2 * (key.length + (body?.text.length ?? entry.dataJson.length)) +
      (body?.bytes.length ?? 0) +
      256,
  });
}

/** The blob and the pointer to store for a response, and the answer to remember once stored. */
export interface EncodedAnswer {
  entries: StoreEntry[];
  blobKey: string;
  opened: OpenedAnswer;
}

/** Store entries for a response: its answer blob (sealed if `sealed`) and its tagged pointer. */
export function encodeAnswer(
  cipher: ValueCipher,
  prefix: string,
  key: string,
  entry: ResponseEntry,
  sealed: boolean,
  ttlMs: number,
): EncodedAnswer {
  const answerId = randomBytes(12).toString('base64url');
  const blobKey = cacheKeys.answer(prefix, answerId);
  const plaintext = `${key}\n${serializeResponseEntry(entry)}`;
  return {
    entries: [
      { key: blobKey, value: encodeEntry(cipher, blobKey, sealed, plaintext), ttlMs, tags: [] },
      { key, value: `${POINTER}${answerId}`, ttlMs, tags: entry.tags },
    ],
    blobKey,
    opened: openedAnswer(key, entry, sealed),
  };
}

/** Keeps an answer this gateway stored, so its own hits need not read or open the blob. */
export function rememberAnswer(memo: AnswerMemo, encoded: EncodedAnswer, ttlMs: number): void {
  memo.set(encoded.blobKey, encoded.opened, { ttl: ttlMs });
}

/** Reads the blob at a key; null when it is not stored, undefined when the store cannot answer. */
export type ReadBlob = (key: string) => Promise<string | null | undefined>;

/**
 * The answer a response entry's stored `value` points to, from the memo or read and opened;
 * undefined for a miss: not a pointer, its blob gone or unreadable, a blob stored for another
 * key, or (`sealedOnly`, an operation reading personal data) a blob stored plain. This gateway
 * seals every personal answer, so a plain one under such a key was written by someone without
 * the encryption keys: its data and its subjects (what the audit records) are theirs.
 */
export async function openAnswer(
  cipher: ValueCipher,
  prefix: string,
  key: string,
  value: string,
  readBlob: ReadBlob,
  memo: AnswerMemo,
  sealedOnly: boolean,
): Promise<OpenedAnswer | undefined> {
  const answerId = POINTER_SHAPE.exec(value)?.[1];
  if (answerId === undefined) return undefined;
  const blobKey = cacheKeys.answer(prefix, answerId);
  const trusted = (opened: OpenedAnswer) =>
    opened.key === key && (opened.sealed || !sealedOnly) ? opened : undefined;
  const kept = memo.get(blobKey);
  if (kept) return trusted(kept);
  const blob = await readBlob(blobKey);
  // Opened under the blob's own key: a blob copied to another answer id does not open.
  const text = blob ? openValue(cipher, blobKey, blob) : undefined;
  const newline = text?.indexOf('\n') ?? -1;
  if (!blob || text === undefined || newline < 0) return undefined;
  const entry = parseResponseEntry(text.slice(newline + 1));
  if (!entry) return undefined;
  const opened = openedAnswer(text.slice(0, newline), entry, !isPlain(blob));
  const ttl = (entry.expiresAt ?? 0) - Date.now();
  if (ttl > 0) memo.set(blobKey, opened, { ttl });
  return trusted(opened);
}

function openedAnswer(key: string, entry: ResponseEntry, sealed: boolean): OpenedAnswer {
  if (entry.extensions !== undefined) return { key, entry, sealed };
  const text = `{"data":${entry.dataJson}}\n`;
  const bytes = Buffer.from(text, 'utf8');
  // The data's text as a slice of the body's (V8 shares the characters): kept once, not twice.
  const dataJson = text.slice('{"data":'.length, -'}\n'.length);
  return { key, entry: { ...entry, dataJson }, sealed, body: { text, bytes } };
}
