import { CLASSIFICATION_LEVELS } from '@govgraph/schema';
import { type ConstDirectiveNode, Kind } from 'graphql';
import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { directiveNamed, subgraphTypes } from './subgraphTypes.js';

/**
 * Every object and interface field has an effective `@classification`: its own, or its type's
 * in the same subgraph (README: The standards). The gateway's access policy reads these levels, so an
 * unclassified field would have no policy at all.
 *
 * A type-level level must also agree across subgraphs: `@classification` is not repeatable,
 * so composition keeps one subgraph's type level and drops the others, and fields that relied
 * on a dropped level would reach the gateway with the wrong one.
 */
export function classificationRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const findings: Finding[] = [];
  const typeLevels = new Map<string, { subgraph: string; level: string }[]>();
  for (const { name: subgraph, typeDefs } of subgraphs) {
    for (const type of subgraphTypes(typeDefs).values()) {
      const typeLevel = levelOf(directiveNamed(type.directives, 'classification'));
      if (typeLevel !== undefined) {
        typeLevels.set(type.name, [
          ...(typeLevels.get(type.name) ?? []),
          { subgraph, level: typeLevel },
        ]);
        continue;
      }
      for (const field of type.fields) {
        if (directiveNamed(field.directives, 'classification')) continue;
        findings.push({
          rule: 'classification',
          subgraph,
          coordinate: `${type.name}.${field.name.value}`,
          message: `field has no classification: add @classification(level: ${CLASSIFICATION_LEVELS.join(' | ')}) to the field, or to type ${type.name} in this subgraph.`,
        });
      }
    }
  }
  for (const [typeName, levels] of typeLevels) {
    const [first, ...others] = levels;
    for (const other of others) {
      if (!first || other.level === first.level) continue;
      findings.push({
        rule: 'classification',
        subgraph: other.subgraph,
        coordinate: typeName,
        message: `@classification(level: ${other.level}) on the type conflicts with ${first.level} in ${first.subgraph}; the supergraph keeps only one type level, so fields relying on it would be misclassified. Classify this subgraph's fields of ${typeName} one by one instead.`,
      });
    }
  }
  return findings;
}

function levelOf(directive: ConstDirectiveNode | undefined): string | undefined {
  if (!directive) return undefined;
  const value = directive.arguments?.find((a) => a.name.value === 'level')?.value;
  return value?.kind === Kind.ENUM ? value.value : '?';
}
