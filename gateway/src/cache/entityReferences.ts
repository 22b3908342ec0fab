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
// were a tenth of a warm list's CPU. The memo holds no more than the requests already did.
// Nearly every representation is a plain reference (`__typename` and the key field): those
// are found by key value in a map per fetch scope (cache, department, selection, variables),
// without building a string per representation; any other shape is memoised by its JSON.
const MEMO_SIZE = 20_000;
const plainReferences = new LRUCache<string, Map<string, EntityReference>>({
  max: 1_000,
  dispose: (map) => {
    plainCount -= map.size;
  },
});
const otherReferences = new LRUCache<string, EntityReference>({ max: MEMO_SIZE });
/** Entries across the plain maps; all of them are dropped when it passes MEMO_SIZE. */
let plainCount = 0;

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
  const scope = `${job.cache.prefix}\u0000${job.department}\u0000${selection}`;
  let plain = plainReferences.get(scope);
  if (!plain) {
    plain = new Map();
    plainReferences.set(scope, plain);
  }
  const known = plain;
  return representations.map((representation) =>
    entityReference(job.cache, job.department, selection, scope, known, representation),
  );
}

function entityReference(
  cache: GatewayCache,
  department: string,
  selection: string,
  scope: string,
  plain: Map<string, EntityReference>,
  representation: Record<string, unknown>,
): EntityReference | undefined {
  const typename = representation.__typename;
  if (typeof typename !== 'string') return undefined;
  const keyField = cache.hints.keyField.get(typename);
  const keyValue = keyField ? representation[keyField] : undefined;
  if (typeof keyValue !== 'string') return undefined;
  const isPlain = Object.keys(representation).length === 2;
  const memo = isPlain
    ? `${typename}\u0000${keyValue}`
    : `${scope}\u0000${JSON.stringify(representation)}`;
  let reference = isPlain ? plain.get(memo) : otherReferences.get(memo);
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
    if (!isPlain) otherReferences.set(memo, reference);
    else {
      if (plainCount >= MEMO_SIZE) forgetPlainReferences();
      plain.set(memo, reference);
      plainCount++;
    }
  }
  return reference;
}

function forgetPlainReferences(): void {
  for (const map of plainReferences.values()) map.clear();
  plainCount = 0;
}
