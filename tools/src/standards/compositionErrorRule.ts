import type { GraphQLError } from 'graphql';
import type { Finding } from './Finding.js';

/**
 * Composition errors as findings. Apollo composition names the subgraph in three ways: AST
 * nodes tagged with `subgraph`, a `[name] ` message prefix, or `subgraph "name"` in the text;
 * the coordinate is the first quoted `Type.field` of the message, when there is one.
 */
export function compositionErrorRule(
  errors: readonly GraphQLError[],
  subgraphNames: readonly string[],
): Finding[] {
  return errors.map((error) => {
    const prefix = /^\[([^\]]+)\] /.exec(error.message);
    const message = prefix ? error.message.slice(prefix[0].length) : error.message;
    const tagged = (error.nodes ?? [])
      .map((node) => (node as { subgraph?: unknown }).subgraph)
      .filter((s): s is string => typeof s === 'string');
    const mentioned = subgraphNames.filter((name) => message.includes(`"${name}"`));
    const named = new Set([...(prefix?.[1] ? [prefix[1]] : []), ...tagged, ...mentioned]);
    // In the departments' order, so a report reads the same on every run.
    const subgraphs = [
      ...subgraphNames.filter((name) => named.has(name)),
      ...[...named].filter((name) => !subgraphNames.includes(name)),
    ];
    const coordinate = /"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)"/.exec(message)?.[1];
    const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'ERROR';
    return {
      rule: 'composition',
      subgraph: subgraphs.length > 0 ? subgraphs.join(', ') : 'supergraph',
      coordinate: coordinate && !subgraphNames.includes(coordinate) ? coordinate : 'composition',
      message: `composition error ${code}: ${message}`,
    };
  });
}
