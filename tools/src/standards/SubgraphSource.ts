import type { DocumentNode } from 'graphql';

/** One department as composition sees it: its name, routing URL and its own SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  /** The department's own SDL, without the shared standards document. */
  typeDefs: DocumentNode;
}
