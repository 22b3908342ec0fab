import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { standardScalars } from '@govgraph/schema';
import type { GraphQLNamedType, GraphQLScalarType, GraphQLSchema } from 'graphql';

export interface StandardScalarsOptions {
  /** Scalars whose input rules the gateway enforces, by name. @default standardScalars of @govgraph/schema */
  scalars?: Readonly<Record<string, GraphQLScalarType<string, string>>>;
}

/**
 * Gives the API schema's `NationalId`, `CreditCode`, ... the parse rules of the standards,
 * so a malformed literal or variable is refused at the gateway with its registry code
 * (INVALID_NATIONAL_ID, ...) before any department is called. The supergraph only knows
 * these as plain custom scalars, so this runs on the first load and on every reload.
 */
export function useStandardScalars(
  options: StandardScalarsOptions = {},
): ApolloServerPlugin<BaseContext> {
  const scalars = options.scalars ?? standardScalars;
  return {
    async serverWillStart() {
      return {
        // Runs synchronously inside each schema swap, before any request can use the new schema.
        schemaDidLoadOrUpdate({ apiSchema }) {
          applyScalarRules(apiSchema, scalars);
        },
      };
    },
  };
}

/** Copies parse rules onto the schema's scalars of the same names; returns the names it changed. */
export function applyScalarRules(
  schema: GraphQLSchema,
  scalars: Readonly<Record<string, GraphQLScalarType<string, string>>>,
): string[] {
  const applied: string[] = [];
  for (const [name, standard] of Object.entries(scalars)) {
    const type = schema.getType(name);
    if (!isScalar(type)) continue;
    // Output stays as the department serialised it: departments already check what they return.
    type.parseValue = standard.parseValue;
    type.parseLiteral = standard.parseLiteral;
    applied.push(name);
  }
  return applied;
}

// Not graphql's `isScalarType`: Apollo loads graphql's CommonJS build and ESM code may get the
// .mjs build (vitest does), and `instanceof` across the two throws "from another realm".
function isScalar(type: GraphQLNamedType | undefined): type is GraphQLScalarType {
  return type?.constructor.name === 'GraphQLScalarType';
}
