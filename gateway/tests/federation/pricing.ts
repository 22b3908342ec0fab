import { parse } from 'graphql';

// A subgraph that is composed but answers every request with HTTP 500 (`startFailingSubgraph`):
// what a gateway does with a subgraph that is up but broken.
export const name = 'pricing';

export const typeDefs = parse(`
  type Product @key(fields: "upc") {
    upc: ID!
    "Discount in percent; never answered."
    discount: Int
  }
`);

export const resolvers = {};
