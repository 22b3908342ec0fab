import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// Extends Product with fields that @require others (one with arguments, one a field that takes
// arguments), shares `name`, starts the chain to the warehouse, and fails a non-null entity field.
export const name = 'inventory';

export const typeDefs = parse(`
  "Currencies a price is quoted in."
  enum Currency {
    EUR
    USD
  }

  type Product @key(fields: "upc") {
    upc: ID!
    name: String! @shareable
    weight: Int @external
    price(currency: Currency = EUR): Int! @external
    "Fails for one product; non-null, so that product is null."
    inStock: Boolean!
    "Shipping cost to a zone, from the weight; null when the weight is unknown."
    shippingEstimate(zone: Int = 1): Int @requires(fields: "weight")
    "Free over 500 USD, from the USD price."
    usdShipping: Int @requires(fields: "price(currency: USD) weight")
    "Where it is stored; null when nowhere."
    warehouse: Warehouse
  }

  type Warehouse @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

const NAMES: Readonly<Record<string, string>> = {
  '1': 'Table',
  '2': 'Chair',
  '3': 'Chair (US)',
  '4': 'Lamp',
};
const WAREHOUSES: Readonly<Record<string, string>> = { '1': 'w1', '2': 'w1', '3': 'w2' };

interface ProductRef {
  upc: string;
  weight?: number | null;
  price?: number;
}

export const resolvers = {
  Product: {
    __resolveReference: (ref: ProductRef) => (NAMES[ref.upc] ? ref : null),
    name: (p: ProductRef) => NAMES[p.upc],
    inStock: (p: ProductRef) => {
      if (p.upc === '3') throw new Error('stock count unavailable');
      return p.upc !== '4';
    },
    shippingEstimate: (p: ProductRef, args: { zone: number }) =>
      p.weight == null ? null : p.weight * args.zone * 100,
    usdShipping: (p: ProductRef) =>
      p.price === undefined ? null : p.price > 50000 ? 0 : 1500 + (p.weight ?? 0) * 10,
    warehouse: (p: ProductRef) => {
      const id = WAREHOUSES[p.upc];
      return id ? { id } : null;
    },
  },
} satisfies DepartmentResolvers;
