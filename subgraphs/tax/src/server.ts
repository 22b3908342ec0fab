import type { Database } from '@govgraph/schema/db';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type Logger,
} from '@govgraph/schema/runtime';
import { sql } from 'kysely';
import type { TaxContext } from './context.js';
import type { TaxDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface TaxDeps {
  database: Database<TaxDB>;
  logger: Logger;
}

/** The tax administration subgraph, built from its dependencies; the caller decides when to listen. */
export function createTaxServer({ database, logger }: TaxDeps): DepartmentServer {
  // Generated resolver types are stricter than buildSubgraphSchema's loose map; they meet here once.
  const schema = buildDepartmentSchema(typeDefs, resolvers as DepartmentResolvers);
  return createDepartmentServer<TaxContext>({
    name: 'tax',
    schema,
    logger,
    context: (scope) => ({ ...scope, db: database.db, loaders: createLoaders(database.db) }),
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
  });
}
