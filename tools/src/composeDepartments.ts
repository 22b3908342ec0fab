import { composeServices } from '@apollo/composition';
import { standardsTypeDefs } from '@govgraph/schema';
import { type DocumentNode, type GraphQLError, Kind } from 'graphql';
import type { SubgraphSource } from './standards/SubgraphSource.js';

/** What composition needs from a department: the `DepartmentModule` fields it reads. */
export interface ComposableDepartment {
  name: string;
  typeDefs: DocumentNode;
  defaultPort: number;
}

export interface Composition {
  subgraphs: SubgraphSource[];
  /** The supergraph SDL, or undefined when composition failed. */
  supergraphSdl: string | undefined;
  errors: readonly GraphQLError[];
  /** Composition hints (not failures): inconsistent descriptions and the like. */
  hints: readonly string[];
}

/** A department's subgraph document: the shared standards followed by its own SDL. */
export function subgraphDocument(typeDefs: DocumentNode): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [...standardsTypeDefs.definitions, ...typeDefs.definitions],
  };
}

/** Composes every department into a supergraph, routed to `http://127.0.0.1:<defaultPort>/graphql`. */
export function composeDepartments(departments: readonly ComposableDepartment[]): Composition {
  const subgraphs = departments.map((d) => ({
    name: d.name,
    url: `http://127.0.0.1:${d.defaultPort}/graphql`,
    typeDefs: d.typeDefs,
  }));
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: subgraphDocument(s.typeDefs) })),
  );
  if (result.errors) {
    return { subgraphs, supergraphSdl: undefined, errors: result.errors, hints: [] };
  }
  return {
    subgraphs,
    supergraphSdl: result.supergraphSdl,
    errors: [],
    hints: result.hints.map((h) => h.toString()),
  };
}
