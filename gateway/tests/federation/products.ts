import type { DepartmentResolvers } from '@govgraph/department';
import { INVALID_ARGUMENT } from '@govgraph/schema';
import { parse } from 'graphql';

// Owns Product, reachable by two keys (`upc`, and the compound `sku region`); its root fields
// fail in the two ways a root field can (nullable, and non-null taking `data` with it).
export const name = 'products';

export const typeDefs = parse(`
  type Query {
    "Products in catalogue order, the first n."
    topProducts(first: Int = 5): [Product!]!
    "A product by UPC; null when unknown, INVALID_ARGUMENT when not digits."
    product(upc: ID!): Product
    "Always fails; nullable, so only this field is null."
    flaky: String
    "Always fails; non-null, so the whole data is null."
    failing: String!
  }

  "Currencies a price is quoted in."
  enum Currency {
    EUR
    USD
  }

  "A product for sale in one region."
  type Product @key(fields: "upc") @key(fields: "sku region") {
    upc: ID!
    sku: String!
    region: String!
    name: String! @shareable
    "Price in cents, in the currency asked."
    price(currency: Currency = EUR): Int!
    "Shipping weight in kg; unknown for some products."
    weight: Int
  }
`);

export const PRODUCTS = [
  { upc: '1', sku: 'TBL', region: 'EU', name: 'Table', cents: 89900, weight: 40 },
  { upc: '2', sku: 'CHR', region: 'EU', name: 'Chair', cents: 24900, weight: 8 },
  { upc: '3', sku: 'CHR', region: 'US', name: 'Chair (US)', cents: 25900, weight: null },
  { upc: '4', sku: 'LMP', region: 'US', name: 'Lamp', cents: 5900, weight: 2 },
] as const;

type ProductRow = (typeof PRODUCTS)[number];
type Reference = { upc: string } | { sku: string; region: string };

const find = (ref: Reference): ProductRow | null =>
  PRODUCTS.find((p) =>
    'upc' in ref ? p.upc === ref.upc : p.sku === ref.sku && p.region === ref.region,
  ) ?? null;

export const resolvers = {
  Query: {
    topProducts: (_: unknown, args: { first: number }) => PRODUCTS.slice(0, args.first),
    product: (_: unknown, args: { upc: string }) => {
      if (!/^[0-9]+$/.test(args.upc)) {
        throw INVALID_ARGUMENT.err(`A UPC is digits only; got ${JSON.stringify(args.upc)}.`, {
          extensions: { argument: 'upc' },
        });
      }
      return find({ upc: args.upc });
    },
    flaky: () => {
      throw new Error('flaky is down');
    },
    failing: () => {
      throw new Error('failing is down');
    },
  },
  Product: {
    __resolveReference: (ref: Reference) => find(ref),
    price: (p: ProductRow, args: { currency: 'EUR' | 'USD' }) =>
      args.currency === 'USD' ? Math.round(p.cents * 1.08) : p.cents,
  },
} satisfies DepartmentResolvers;
