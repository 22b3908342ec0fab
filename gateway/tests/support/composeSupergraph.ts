import { composeServices } from '@apollo/composition';
import { standardsTypeDefs } from '@govgraph/schema';
import { type DocumentNode, Kind } from 'graphql';

/** Composes subgraphs (each with the shared standards in front, as `tools` does) into a supergraph. */
export function composeSupergraph(
  subgraphs: readonly { name: string; url: string; typeDefs: DocumentNode }[],
): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: {
        kind: Kind.DOCUMENT,
        definitions: [...standardsTypeDefs.definitions, ...s.typeDefs.definitions],
      },
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
