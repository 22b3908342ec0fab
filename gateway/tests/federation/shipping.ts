import { parse } from 'graphql';

// A subgraph that is composed but down (its address refuses connections: `startDownSubgraph`):
// what a gateway does when a subgraph cannot be reached, possibly by several fetches of one plan.
export const name = 'shipping';

export const typeDefs = parse(`
  type Product @key(fields: "upc") {
    upc: ID!
    "Days to deliver; never answered."
    deliveryDays: Int
  }
`);

export const resolvers = {};
