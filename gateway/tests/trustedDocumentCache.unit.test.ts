import { describe, expect, it } from 'vitest';
import { trustedDocumentCache } from '../src/desk/trustedDocumentCache.js';

// Apollo Server hands its persisted-query cache keys prefixed `apq:`; the trusted documents are
// found by hash and can never be replaced, other clients' registrations live beside them.

describe('the trusted document cache', () => {
  const trusted = new Map([['aaa', 'query Trusted { __typename }']]);

  it('answers a trusted hash with its document', async () => {
    const cache = trustedDocumentCache(trusted);
    await expect(cache.get('apq:aaa')).resolves.toBe('query Trusted { __typename }');
    await expect(cache.get('apq:bbb')).resolves.toBeUndefined();
  });

  it('keeps a trusted document whatever is registered under its hash, and deleting it does nothing', async () => {
    const cache = trustedDocumentCache(trusted);
    await cache.set('apq:aaa', 'query Other { secret }');
    await cache.delete('apq:aaa');
    await expect(cache.get('apq:aaa')).resolves.toBe('query Trusted { __typename }');
  });

  it('keeps other clients’ registrations as automatic persisted queries did', async () => {
    const cache = trustedDocumentCache(trusted);
    await cache.set('apq:ccc', '{ __typename }', { ttl: 60 });
    await expect(cache.get('apq:ccc')).resolves.toBe('{ __typename }');
    await cache.delete('apq:ccc');
    await expect(cache.get('apq:ccc')).resolves.toBeUndefined();
  });
});
