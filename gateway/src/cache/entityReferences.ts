import { cacheKeys, entityTag } from '@govgraph/cache';
import { LRUCache } from 'lru-cache';
import { canonicalJson, digest } from './cacheEntry.js';
import type { GatewayCache } from './createGatewayCache.js';
import type { Job } from './fetchJob.js';

/** Where one representation's entity is cached, and the tag a write of that entity evicts. */
export interface EntityReference {
  key: string;
  tag: string;
  typename: string;
}

// Lists ask for the same entities again and again: two SHA-256 digests per representation
// were a tenth of a warm list's CPU. The memo key holds no more than the request already did.
const knownReferences = new LRUCache<string, EntityReference>({ max: 10_000 });

/**
 * The reference of each representation of an `_entities` fetch, in order; undefined where a
 * representation has no key value the cache knows (it can be fetched, not cached). The key
 * digests the selection and the fetch's other variables with the representation, so different
 * queries selecting the same fields of the same entity share an entry.
 */
export function entityReferences(
  job: Job,
  representations: readonly Record<string, unknown>[],
): (EntityReference | undefined)[] {
  const { representations: _, ...otherVariables } = job.options.request.variables ?? {};
  const selection = digest(job.policy.selection, canonicalJson(otherVariables));
  return representations.map((representation) =>
    entityReference(job.cache, job.department, selection, representation),
  );
}

function entityReference(
  cache: GatewayCache,
  department: string,
  selection: string,
  representation: Record<string, unknown>,
): EntityReference | undefined {
  const typename = representation.__typename;
  if (typeof typename !== 'string') return undefined;
  const keyField = cache.hints.keyField.get(typename);
  const keyValue = keyField ? representation[keyField] : undefined;
  if (typeof keyValue !== 'string') return undefined;
  const memo = `${cache.prefix}\u0000${department}\u0000${selection}\u0000${JSON.stringify(representation)}`;
  let reference = knownReferences.get(memo);
  if (!reference) {
    reference = {
      typename,
      tag: entityTag(typename, keyValue),
      key: cacheKeys.entity(
        cache.prefix,
        department,
        typename,
        digest(selection, canonicalJson(representation)),
      ),
    };
    knownReferences.set(memo, reference);
  }
  return reference;
}
