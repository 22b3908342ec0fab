import { createHash, randomBytes } from 'node:crypto';
import { cacheKeys, entityTag } from '@govgraph/cache';
import { ConfigError } from '@govgraph/server';
import fc from 'fast-check';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest } from '../src/cache/cacheEntry.js';
import { cacheHintsFromSupergraph } from '../src/cache/cacheHints.js';
import { cachePolicy } from '../src/cache/cachePolicy.js';
import { entityReferences } from '../src/cache/entityReferences.js';
import type { Job } from '../src/cache/fetchJob.js';
import { createMemoryStore } from '../src/cache/store/memoryStore.js';
import { createValueCipher, parseEncryptionKeys } from '../src/cache/valueCipher.js';
import { gatewayConfig } from '../src/index.js';
import { business, cacheWorld, registry } from './support/departments/cacheDepartments.js';
import { composeSupergraph } from './support/index.js';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('the value cipher', () => {
  it('seals with AES-256-GCM under the first key and opens with any configured key', () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const old = createValueCipher([k1]);
    const sealed = old.seal('{"name":"Wang Fang"}', 'entry');
    expect(sealed.startsWith('g1.k1.')).toBe(true);
    expect(sealed).not.toContain('Wang');
    // Rotation: the new key seals, the old one still opens what it sealed.
    const rotated = createValueCipher([k2, k1]);
    expect(rotated.open(sealed, 'entry')).toBe('{"name":"Wang Fang"}');
    expect(rotated.seal('x', 'entry').startsWith('g1.k2.')).toBe(true);
    // Retired key, another key name (associated data), or tampering: unreadable, a miss.
    expect(createValueCipher([k2]).open(sealed, 'entry')).toBeUndefined();
    expect(old.open(sealed, 'another entry')).toBeUndefined();
    expect(old.open(`${sealed.slice(0, -4)}AAA=`, 'entry')).toBeUndefined();
  });

  it('reads CACHE_ENCRYPTION_KEYS and refuses keys that are not 32 bytes or repeat', () => {
    const a = randomBytes(32).toString('base64');
    expect(parseEncryptionKeys(`k1:${a},k0:${a}`).map((k) => k.id)).toEqual(['k1', 'k0']);
    expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(
      /16 bytes, not 32/,
    );
    expect(() => parseEncryptionKeys(`k1:${a},k1:${a}`)).toThrow(/repeats/);
    expect(() => parseEncryptionKeys('nokey')).toThrow(/kid:base64/);
  });
});

describe('cache policy from the supergraph’s hints', () => {
  const world = cacheWorld();
  const sdl = composeSupergraph(
    [registry(world), business(world)].map((f) => ({ ...f, url: 'http://x/graphql' })),
  );
  const hints = cacheHintsFromSupergraph(sdl);
  const limits = { defaultTtlSeconds: 60, personalMaxTtlSeconds: 30 };
  const policy = (text: string, l = limits) => cachePolicy(parse(text), hints, l);

  it('reads hints, levels and entity keys', () => {
    expect(hints.typeMaxAge.get('Person')).toBe(300);
    expect(hints.fieldMaxAge.get('Person.visits')).toBe(0);
    expect(hints.levels.levelOf('Company.name')).toBe('PUBLIC'); // the type's level
    expect(hints.keyField.get('Person')).toBe('nationalId');
    expect(hints.keyField.get('Company')).toBe('creditCode');
  });

  it('takes the smallest hint, and caps personal data at the ceiling', () => {
    expect(policy('{ company(creditCode: "x") { name } }')).toEqual({
      ttlSeconds: 600,
      level: 'PUBLIC',
    });
    expect(policy('{ person(nationalId: "x") { name } }')).toEqual({
      ttlSeconds: 30,
      level: 'PERSONAL',
    });
    expect(
      policy('{ person(nationalId: "x") { name } }', { ...limits, personalMaxTtlSeconds: 500 }),
    ).toEqual({ ttlSeconds: 300, level: 'PERSONAL' });
  });

  it('never caches maxAge 0, introspection or a mutation, however they are spelled', () => {
    expect(policy('{ person(nationalId: "x") { ...F } } fragment F on Person { visits }')).toEqual({
      ttlSeconds: 0,
      level: 'PERSONAL',
      uncacheable: 'maxAge 0',
    });
    expect(policy('{ company(creditCode: "x") { representative { v: visits } } }')).toMatchObject({
      uncacheable: 'maxAge 0',
    });
    expect(policy('{ __schema { types { name } } }')).toMatchObject({
      uncacheable: 'introspection',
    });
    expect(policy('mutation { x }')).toMatchObject({ uncacheable: 'mutation' });
  });

  it('reads a department’s entity fetch by the types of its inline fragments', () => {
    const fetch = `query Q__business__1($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Person { companies { name } } }
    }`;
    expect(policy(fetch)).toEqual({ ttlSeconds: 300, level: 'PUBLIC' });
    expect(
      policy(`query($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Person { name } }
      }`),
    ).toEqual({ ttlSeconds: 30, level: 'PERSONAL' });
  });
});

describe('cache configuration', () => {
  it('reads every cache variable', () => {
    const k = randomBytes(32).toString('base64');
    const config = gatewayConfig({
      REDIS_URL: 'redis://cache:6379/2',
      CACHE_ENABLED: 'false',
      CACHE_DEFAULT_TTL_SECONDS: '120',
      CACHE_PERSONAL_MAX_TTL_SECONDS: '10',
      CACHE_ENCRYPTION_KEYS: `new:${k}`,
      CACHE_KEY_PREFIX: 'hub-a',
    }).cache;
    expect(config).toEqual({
      enabled: false,
      redisUrl: 'redis://cache:6379/2',
      defaultTtlSeconds: 120,
      personalMaxTtlSeconds: 10,
      encryptionKeys: [{ id: 'new', key: Buffer.from(k, 'base64') }],
      keyPrefix: 'hub-a',
    });
  });

  it('names each bad cache variable', () => {
    const bad = () =>
      gatewayConfig({
        REDIS_URL: 'localhost:6379',
        CACHE_ENABLED: 'yes',
        CACHE_DEFAULT_TTL_SECONDS: '-1',
        CACHE_ENCRYPTION_KEYS: 'k1:short',
        CACHE_KEY_PREFIX: 'a b',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/REDIS_URL is "localhost:6379": must be a redis:\/\//);
    expect(bad).toThrow(/CACHE_ENABLED is "yes": must be true or false/);
    expect(bad).toThrow(/CACHE_DEFAULT_TTL_SECONDS is "-1": must be 0 or more seconds/);
    expect(bad).toThrow(
      /CACHE_ENCRYPTION_KEYS is set \(8 characters, not shown\): must be kid:base64/,
    );
    expect(bad).toThrow(/CACHE_KEY_PREFIX is "a b": must be 1-64 letters/);
  });
});

describe('the in-process store’s bounds', () => {
  it('drops the least recently used entries past its byte budget', async () => {
    const store = createMemoryStore({ maxBytes: 10_000 });
    const value = 'p.'.padEnd(1000, 'x'); // about 2 kB each
    for (let i = 0; i < 10; i++) {
      await store.write([{ key: `k${i}`, value, ttlMs: 60_000, tags: ['t'] }], new Map());
    }
    const read = await store.read(
      Array.from({ length: 10 }, (_, i) => `k${i}`),
      [],
    );
    const kept = read?.values.filter((v) => v !== null).length ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(10);
    expect(read?.values.at(-1)).toBe(value); // the newest stays
    expect(read?.values[0]).toBeNull(); // the oldest went
  });
});

describe('cache key digests', () => {
  it('stay the bytes they were: each part and a NUL, SHA-256, 40 hex digits', () => {
    // Entries written before the one-shot hash must keep their names (and their tags), or a
    // deployment's warm cache goes cold and old entries outlive the evictions meant for them.
    const parts = ['selection', '{"id":"110101194912310021"}', 'Wáng 王'];
    const before = createHash('sha256');
    for (const part of parts) before.update(part).update('\u0000');
    expect(digest(...parts)).toBe(before.digest('hex').slice(0, 40));
    expect(digest()).toBe(createHash('sha256').digest('hex').slice(0, 40));
    expect(entityTag('Person', '110101194912310021')).toBe(
      `e:${createHash('sha256').update('Person:110101194912310021').digest('hex')}`,
    );
  });
});

describe('canonical JSON', () => {
  /** The walk canonicalJson used to be: keys sorted, undefined left out. */
  function walked(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(walked).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${walked(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  }

  it('writes the text it always wrote, so cache keys keep their names', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => canonicalJson(value) === walked(value)),
      { numRuns: 2000 },
    );
    const odd = { b: undefined, a: [undefined, 1], é: 'x', É: { z: null, y: '\u2028' } };
    expect(canonicalJson(odd)).toBe(walked(odd));
    expect(canonicalJson(odd)).toBe('{"a":[null,1],"É":{"y":"\u2028","z":null},"é":"x"}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('entity references', () => {
  const job = (over: {
    prefix?: string;
    department?: string;
    selection?: string;
    first?: number;
  }) =>
    ({
      cache: {
        prefix: over.prefix ?? 'gg',
        hints: { keyField: new Map([['Person', 'nationalId']]) },
      },
      department: over.department ?? 'tax',
      options: { request: { variables: { representations: [], first: over.first ?? 10 } } },
      policy: { selection: over.selection ?? '{ taxProfile { year } }' },
    }) as unknown as Job;
  /** The key as documented: the selection and other variables, then the representation. */
  const expectedKey = (j: Job, representation: Record<string, unknown>) => {
    const { representations: _, ...others } = j.options.request.variables ?? {};
    const selection = digest(j.policy.selection, canonicalJson(others));
    return cacheKeys.entity(
      j.cache.prefix,
      j.department,
      String(representation.__typename),
      digest(selection, canonicalJson(representation)),
    );
  };
  const person = (id: string) => ({ __typename: 'Person', nationalId: id });

  it('names each entity by its scope and representation, whichever way it is memoised', () => {
    const base = job({});
    const plain = person('110101194912310021');
    const reordered = { nationalId: '110101194912310021', __typename: 'Person' };
    const withRequires = { ...plain, income: 12 };
    for (let round = 0; round < 2; round++) {
      const [a, b, c, none] = entityReferences(base, [
        plain,
        reordered,
        withRequires,
        { __typename: 'Person' },
      ]);
      expect(a).toEqual({
        typename: 'Person',
        tag: entityTag('Person', '110101194912310021'),
        key: expectedKey(base, plain),
      });
      expect(b).toEqual(a);
      expect(c?.key).toBe(expectedKey(base, withRequires));
      expect(c?.key).not.toBe(a?.key);
      expect(none).toBeUndefined();
    }
  });

  it('never lends one scope’s reference to another', () => {
    const plain = person('110101198001010010');
    const scopes = [
      job({}),
      job({ prefix: 'other' }),
      job({ department: 'social' }),
      job({ selection: '{ taxProfile { year amount } }' }),
      job({ first: 11 }),
    ];
    const keys = scopes.map((j) => entityReferences(j, [plain])[0]?.key);
    expect(new Set(keys).size).toBe(scopes.length);
    scopes.forEach((j, i) => {
      expect(keys[i]).toBe(expectedKey(j, plain));
    });
  });

  it('stays right past its bound', () => {
    const base = job({ selection: '{ bound }' });
    const many = Array.from({ length: 20_500 }, (_, i) => person(String(i).padStart(18, '0')));
    const references = entityReferences(base, many);
    const first = many[0] ?? person('0');
    expect(entityReferences(base, [first])[0]?.key).toBe(expectedKey(base, first));
    expect(references[20_499]?.key).toBe(expectedKey(base, many[20_499] ?? first));
  });
});
