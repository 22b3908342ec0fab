import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { subgraphTypes } from './subgraphTypes.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Every type (roots aside), field, input field and argument carries a description. Judged on
 * the composed graph: a coordinate that several subgraphs declare (an entity's key field) is
 * described when one of them describes it, because composition carries that description into
 * the supergraph; otherwise every declaring subgraph is named.
 */
export function descriptionRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const seen = new Map<string, { what: string; described: boolean; in: string[] }>();
  const note = (coordinate: string, what: string, subgraph: string, described: boolean) => {
    const entry = seen.get(coordinate) ?? { what, described: false, in: [] };
    entry.described ||= described;
    entry.in.push(subgraph);
    seen.set(coordinate, entry);
  };
  for (const { name: subgraph, typeDefs } of subgraphs) {
    for (const type of subgraphTypes(typeDefs).values()) {
      if (!ROOT_TYPES.has(type.name)) note(type.name, 'type', subgraph, type.described);
      for (const field of [...type.fields, ...type.inputFields]) {
        const coordinate = `${type.name}.${field.name.value}`;
        note(coordinate, 'field', subgraph, Boolean(field.description?.value));
        for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
          note(
            `${coordinate}(${arg.name.value}:)`,
            'argument',
            subgraph,
            Boolean(arg.description?.value),
          );
        }
      }
    }
  }
  return [...seen]
    .filter(([, entry]) => !entry.described)
    .map(([coordinate, entry]) => ({
      rule: 'description',
      subgraph: [...new Set(entry.in)].join(', '),
      coordinate,
      message: `${entry.what} has no description: add a "..." description saying what it holds, for the schema and the data catalog.`,
    }));
}
