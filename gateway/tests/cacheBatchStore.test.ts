import { randomBytes } from 'node:crypto';
import { entityTag } from '@govgraph/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheEntry, openEntry, serializeEntry } from '../src/cache/cacheEntry.js';
import { createBatchMemo, encodeBatch, openBatchEntries } from '../src/cache/entityBatch.js';
import type { CacheStore } from '../src/cache/store/CacheStore.js';
import { createValueCipher } from '../src/cache/valueCipher.js';
import { storeUnderTest } from './support/index.js';

// Batch entries in both stores: eviction by tag reaches one entity of a batch, a department
// evicted wholesale loses its blobs too, and a blob that cannot be read makes misses only.

const cipher = createValueCipher();
const entry = (name: string): CacheEntry => ({
  data: { name },
  subjects: [name],
  tags: [entityTag('Person', name)],
});

describe.each(['memory', 'redis'] as const)('fetch batches in the %s store', (backend) => {
  const prefix = `test-batch-store-${randomBytes(4).toString('hex')}`;
  const place = { prefix, department: 'registry' };
  const key = (name: string) => `{${prefix}}:e:registry:Person:${name}`;
  let store: CacheStore;

  const under = storeUnderTest(backend, prefix);
  beforeAll(async () => {
    await under.open();
    store = under.store;
  });
  afterAll(() => under.close());

  const writeBatch = async (names: string[]) => {
    const version = (await store.read([], ['registry']))?.versions[0] ?? '0';
    const members = names.map((name) => {
      const e = entry(name);
      return { key: key(name), json: serializeEntry(e), tags: e.tags, sealed: true };
    });
    const { entries } = encodeBatch(cipher, place, members, 60_000);
    expect(await store.write(entries, new Map([['registry', version]]))).toBe(true);
    return entries;
  };
  const readNames = async (names: string[]) => {
    const keys = names.map(key);
    const values = (await store.read(keys, []))?.values ?? [];
    const readBlobs = async (blobKeys: readonly string[]) =>
      (await store.read(blobKeys, []))?.values;
    const opened = await openBatchEntries(cipher, place, keys, values, readBlobs);
    return opened.map((e) => (e?.data as { name?: string } | undefined)?.name ?? null);
  };

  it('evicts one entity of a batch by its tag and keeps the others readable', async () => {
    const [blob, ...pointers] = await writeBatch(['a', 'b', 'c']);
    expect(blob?.key).toMatch(new RegExp(`^\\{${prefix}\\}:b:registry:[\\w-]{16}$`));
    expect(pointers.map((p) => p.value)).toEqual(
      ['0', '1', '2'].map((i) => expect.stringMatching(new RegExp(`^b\\.[\\w-]{16}\\.${i}$`))),
    );
    expect(await readNames(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    await store.evict({
      department: 'registry',
      changes: [{ typename: 'Person', tag: entityTag('Person', 'b') }],
    });
    expect(await readNames(['a', 'b', 'c'])).toEqual(['a', null, 'c']);
  });

  it('drops the blobs with everything else of a department evicted wholesale', async () => {
    const [blob] = await writeBatch(['d', 'e']);
    await store.evict({ department: 'registry', changes: [], all: true });
    expect((await store.read([blob?.key ?? '', key('d'), key('e')], []))?.values).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('opens a blob once while it lives, and still follows evictions of its entities', async () => {
    await writeBatch(['g', 'h']);
    const memo = createBatchMemo();
    const keys = [key('g'), key('h')];
    let blobReads = 0;
    const readBlobs = async (blobKeys: readonly string[]) => {
      blobReads += blobKeys.length;
      return (await store.read(blobKeys, []))?.values;
    };
    const open = async () => {
      const values = (await store.read(keys, []))?.values ?? [];
      const opened = await openBatchEntries(cipher, place, keys, values, readBlobs, memo);
      return opened.map((e) => (e?.data as { name?: string } | undefined)?.name ?? null);
    };
    expect(await open()).toEqual(['g', 'h']);
    expect(await open()).toEqual(['g', 'h']);
    expect(blobReads).toBe(1);
    await store.evict({
      department: 'registry',
      changes: [{ typename: 'Person', tag: entityTag('Person', 'g') }],
    });
    expect(await open()).toEqual([null, 'h']);
  });

  it('refuses a plain entry where personal data is read, and any plain blob', async () => {
    // An intruder with write access to the store but not the keys writes plain values.
    const forged = `p.${serializeEntry({ data: { name: 'Forged' }, subjects: [], tags: [] })}`;
    expect(
      await store.write([{ key: key('x'), value: forged, ttlMs: 60_000, tags: [] }], new Map()),
    ).toBe(true);
    const values = (await store.read([key('x')], []))?.values ?? [];
    const readBlobs = async (blobKeys: readonly string[]) =>
      (await store.read(blobKeys, []))?.values;
    const open = (sealedOnly: boolean) =>
      openBatchEntries(cipher, place, [key('x')], values, readBlobs, undefined, sealedOnly);
    // A public entity may be stored plain; a personal one never is.
    expect((await open(false))[0]?.data).toEqual({ name: 'Forged' });
    expect(await open(true)).toEqual([undefined]);
    expect(openEntry(cipher, key('x'), forged, true)).toBeUndefined();
    // A pointer into a plain blob does not open, personal or not: blobs are always sealed.
    const [blob, pointer] = await writeBatch(['y']);
    const plainBlob = `p.${blob?.key}`;
    expect(
      await store.write(
        [{ key: String(blob?.key), value: plainBlob, ttlMs: 60_000, tags: [] }],
        new Map(),
      ),
    ).toBe(true);
    expect(
      await openBatchEntries(cipher, place, [key('y')], [pointer?.value ?? null], readBlobs),
    ).toEqual([undefined]);
  });

  it('reads entries whose blob cannot be read as misses', async () => {
    await writeBatch(['f']);
    const keys = [key('f')];
    const values = (await store.read(keys, []))?.values ?? [];
    const away = async () => undefined;
    expect(await openBatchEntries(cipher, place, keys, values, away)).toEqual([undefined]);
    const otherKeys = createValueCipher();
    const readBlobs = async (blobKeys: readonly string[]) =>
      (await store.read(blobKeys, []))?.values;
    expect(await openBatchEntries(otherKeys, place, keys, values, readBlobs)).toEqual([undefined]);
  });
});
