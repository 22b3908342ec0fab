import { randomBytes } from 'node:crypto';
import { cacheKeys, entityTag } from '@govgraph/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerMemo, encodeAnswer, openAnswer } from '../src/cache/answerBlob.js';
import type { ResponseEntry } from '../src/cache/cacheEntry.js';
import type { CacheStore } from '../src/cache/store/CacheStore.js';
import { createValueCipher } from '../src/cache/valueCipher.js';
import { storeUnderTest } from './support/index.js';

// Response answers in both stores (docs/caching.md#serving-a-hit): a pointer under the
// response key, the answer in its own blob. Evictions reach the pointer at once; a pointer or
// blob moved to another key, a blob that is gone or does not open, all read as misses.

const WANG = '11010519491231002X';
const cipher = createValueCipher();

describe.each(['memory', 'redis'] as const)('response answers in the %s store', (backend) => {
  const prefix = `test-answer-${randomBytes(4).toString('hex')}`;
  const key = (name: string) => cacheKeys.response(prefix, name);
  let store: CacheStore;
  let blobReads = 0;
  const readBlob = async (blobKey: string) => {
    blobReads += 1;
    return (await store.read([blobKey], []))?.values[0];
  };

  const under = storeUnderTest(backend, prefix);
  beforeAll(async () => {
    await under.open();
    store = under.store;
  });
  afterAll(() => under.close());

  const entryOf = (name: string, extra: Partial<ResponseEntry> = {}): ResponseEntry => ({
    dataJson: JSON.stringify({ person: { name, nationalId: WANG } }),
    subjects: [WANG],
    tags: [entityTag('Person', name)],
    expiresAt: Date.now() + 60_000,
    actualCost: 3,
    ...extra,
  });
  const storeAnswer = async (name: string, entry = entryOf(name), sealed = true) => {
    const encoded = encodeAnswer(cipher, prefix, key(name), entry, sealed, 60_000);
    expect(await store.write(encoded.entries, new Map())).toBe(true);
    return encoded;
  };
  const pointerAt = async (name: string) => (await store.read([key(name)], []))?.values[0];
  const open = async (
    name: string,
    value: string | null | undefined,
    memo = createAnswerMemo(),
    sealedOnly = true,
  ) =>
    value ? openAnswer(cipher, prefix, key(name), value, readBlob, memo, sealedOnly) : undefined;

  it('stores a pointer under the key and the answer sealed in its own blob', async () => {
    const encoded = await storeAnswer('wang');
    const pointer = await pointerAt('wang');
    expect(pointer).toMatch(/^a\.[\w-]{16}$/);
    const [blob] = encoded.entries;
    expect(blob?.key).toBe(cacheKeys.answer(prefix, String(pointer).slice(2)));
    expect((await store.read([String(blob?.key)], []))?.values[0]).toMatch(/^g1\./);
    expect(blob?.value).not.toContain(WANG);
    const opened = await open('wang', pointer);
    expect(opened?.entry).toEqual(entryOf('wang', { expiresAt: opened?.entry.expiresAt }));
    const text = `{"data":${entryOf('wang').dataJson}}\n`;
    expect(opened?.body?.text).toBe(text);
    expect(opened?.body?.bytes.equals(Buffer.from(text))).toBe(true);
  });

  it('opens a blob once while it lives, and still follows evictions at once', async () => {
    await storeAnswer('li');
    const memo = createAnswerMemo();
    const before = blobReads;
    expect((await open('li', await pointerAt('li'), memo))?.entry.subjects).toEqual([WANG]);
    expect((await open('li', await pointerAt('li'), memo))?.entry.subjects).toEqual([WANG]);
    expect(blobReads).toBe(before + 1);
    await store.evict({
      department: 'registry',
      changes: [{ typename: 'Person', tag: entityTag('Person', 'li') }],
    });
    // The pointer is gone: a miss, whatever the memo holds.
    expect(await pointerAt('li')).toBeNull();
  });

  it('reads a pointer copied under another response key as a miss, memo or not', async () => {
    await storeAnswer('zhao');
    const memo = createAnswerMemo();
    const pointer = await pointerAt('zhao');
    expect(await open('zhao', pointer, memo)).toBeDefined();
    // Planted under the key of another operation's answer: never served there.
    expect(await open('sun', pointer, memo)).toBeUndefined();
    expect(await open('sun', pointer)).toBeUndefined();
  });

  it('reads a blob that is gone, moved, or sealed under other keys as a miss', async () => {
    const encoded = await storeAnswer('qian');
    const pointer = String(await pointerAt('qian'));
    const [blob] = encoded.entries;
    // Another answer id whose blob is a copy of this one: it does not open under its key.
    const forged = `a.${randomBytes(12).toString('base64url')}`;
    const copy = { key: cacheKeys.answer(prefix, forged.slice(2)), value: String(blob?.value) };
    expect(await store.write([{ ...copy, ttlMs: 60_000, tags: [] }], new Map())).toBe(true);
    expect(await open('qian', forged)).toBeUndefined();
    // Sealed under keys this gateway does not hold.
    const stranger = createValueCipher();
    expect(
      await openAnswer(stranger, prefix, key('qian'), pointer, readBlob, createAnswerMemo(), true),
    ).toBeUndefined();
    // The store away, a blob gone, and a value that is no pointer (an earlier entry form).
    const away = async () => undefined;
    expect(
      await openAnswer(cipher, prefix, key('qian'), pointer, away, createAnswerMemo(), true),
    ).toBeUndefined();
    expect(await open('qian', `a.${randomBytes(12).toString('base64url')}`)).toBeUndefined();
    expect(await open('qian', `p.{"d":{"person":null},"t":[]}`)).toBeUndefined();
  });

  it('keeps a plain answer plain, and gives an answer with extensions no ready body', async () => {
    const entry = entryOf('public', { subjects: [], extensions: { valueCompletion: [] } });
    const encoded = await storeAnswer('public', entry, false);
    expect(encoded.entries[0]?.value.startsWith(`p.${key('public')}\n`)).toBe(true);
    const opened = await open('public', await pointerAt('public'), createAnswerMemo(), false);
    expect(opened?.entry.extensions).toEqual({ valueCompletion: [] });
    expect(opened?.body).toBeUndefined();
  });

  it('refuses a plain answer where personal data is read: only a key holder seals', async () => {
    // An intruder with write access to Redis but not the encryption keys stores a plain answer
    // (their data, no subjects for the audit) and points a personal operation's key at it.
    const forged: ResponseEntry = {
      dataJson: '{"person":{"name":"Forged"}}',
      subjects: [],
      tags: [],
      expiresAt: Date.now() + 60_000,
    };
    await storeAnswer('personal', forged, false);
    const pointer = await pointerAt('personal');
    const memo = createAnswerMemo();
    expect(await open('personal', pointer, memo, true)).toBeUndefined();
    // Not once it is in the memo either (read for a non-personal operation of the same key).
    expect(await open('personal', pointer, memo, false)).toBeDefined();
    expect(await open('personal', pointer, memo, true)).toBeUndefined();
    // A sealed answer opens either way.
    await storeAnswer('sealed');
    expect(await open('sealed', await pointerAt('sealed'), createAnswerMemo(), true)).toBeDefined();
  });
});
