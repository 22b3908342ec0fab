import { Kind } from 'graphql';
import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { subgraphTypes } from './subgraphTypes.js';

/**
 * Every entity a subgraph resolves carries a type-level `@cacheControl(maxAge: …)` hint, so the
 * gateway's caches know how long that department's answer for the entity may be kept
 * (docs/caching.md). Stubs a subgraph cannot resolve (`@key(…, resolvable: false)`) are exempt.
 */
export function cacheHintRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const findings: Finding[] = [];
  for (const { name: subgraph, typeDefs } of subgraphs) {
    for (const type of subgraphTypes(typeDefs).values()) {
      const keys = type.directives.filter((d) => d.name.value === 'key');
      const resolvable = keys.some(
        (key) =>
          !key.arguments?.some(
            (a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value,
          ),
      );
      if (!resolvable) continue;
      const hint = type.directives.find((d) => d.name.value === 'cacheControl');
      if (hint?.arguments?.some((a) => a.name.value === 'maxAge')) continue;
      findings.push({
        rule: 'cache-hint',
        subgraph,
        coordinate: type.name,
        message: `entity ${type.name} has no cache hint: add @cacheControl(maxAge: <seconds>) to the type (0 means never cache).`,
      });
    }
  }
  return findings;
}
