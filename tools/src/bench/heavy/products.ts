import { parse } from 'graphql';
import { type ProductRow, products } from './heavyData.js';

// The heavy query's products subgraph: names, prices and weights.

export const name = 'products';

export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])

  type Query {
    topProducts(first: Int = 5): [Product] @listSize(slicingArguments: ["first"])
  }

  type Product @key(fields: "upc") {
    upc: String!
    name: String
    price: Int
    weight: Int
  }
`);

const byUpc = new Map(products.map((p) => [p.upc, p]));

export const resolvers = {
  Query: {
    topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first),
  },
  Product: {
    __resolveReference: ({ upc }: Pick<ProductRow, 'upc'>) => byUpc.get(upc) ?? null,
  },
};
