import { parse } from 'graphql';
import { inStock } from './heavyData.js';

// The heavy query's inventory subgraph: stock, and a shipping estimate that @requires the
// product's price and weight from the products subgraph (one more fetch per product list).

export const name = 'inventory';

export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires"])

  type Product @key(fields: "upc") {
    upc: String!
    weight: Int @external
    price: Int @external
    inStock: Boolean
    shippingEstimate: Int @requires(fields: "price weight")
  }
`);

interface ProductReference {
  upc: string;
  price?: number;
  weight?: number;
}

export const resolvers = {
  Product: {
    __resolveReference: (reference: ProductReference) => ({
      ...reference,
      inStock: inStock(reference.upc),
    }),
    // Free above 1000; otherwise half the weight.
    shippingEstimate: ({ price, weight }: ProductReference) =>
      price === undefined || weight === undefined
        ? null
        : price > 1000
          ? 0
          : Math.round(weight / 2),
  },
};
