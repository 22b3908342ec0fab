import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// Owns Warehouse, the third hop of the chain (reviews → products → inventory → locations →
// accounts), and points at products by their compound key, so the planner needs the second key.
export const name = 'locations';

export const typeDefs = parse(`
  "A place products are stored."
  type Warehouse @key(fields: "id") {
    id: ID!
    city: String!
    manager: User
    "A product featured there, known by its compound key."
    featured: Product
  }

  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Product @key(fields: "sku region", resolvable: false) {
    sku: String!
    region: String!
  }
`);

const WAREHOUSES = [
  { id: 'w1', city: 'Rotterdam', manager: 'u2', featured: { sku: 'LMP', region: 'US' } },
  { id: 'w2', city: 'Reno', manager: 'u9', featured: { sku: 'TBL', region: 'EU' } },
] as const;

type WarehouseRow = (typeof WAREHOUSES)[number];

export const resolvers = {
  Warehouse: {
    __resolveReference: (ref: { id: string }) => WAREHOUSES.find((w) => w.id === ref.id) ?? null,
    manager: (w: WarehouseRow) => ({ id: w.manager }),
  },
} satisfies DepartmentResolvers;
