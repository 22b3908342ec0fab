// The heavy query's data: deterministic, in memory, shared by the four subgraphs (each reads
// only its own part, as if it were its own store). Sized so that HEAVY_QUERY's answer is about
// 87 KB, the size of the answer in The Guild's federation benchmark.

export interface UserRow {
  id: string;
  name: string;
  username: string;
}

export interface ProductRow {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

export interface ReviewRow {
  id: string;
  body: string;
  authorId: string;
  productUpc: string;
}

/** Users, products, and reviews per user (each product is reviewed as often). */
export const USER_COUNT = 36;
export const PRODUCT_COUNT = 36;
export const REVIEWS_PER_USER = 2;

const NAMES = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
const GOODS = ['Table', 'Couch', 'Chair', 'Lamp', 'Shelf', 'Desk', 'Rug'];
const SAYINGS = [
  'Love it, would buy again.',
  'Too expensive for what it is.',
  'Could be better, but it does the job.',
  'Prefer something else, honestly.',
  'Arrived late and slightly scratched.',
];

export const users: readonly UserRow[] = Array.from({ length: USER_COUNT }, (_, i) => ({
  id: String(i + 1),
  name: NAMES[i % NAMES.length] ?? 'Anonymous',
  username: `@user${i + 1}`,
}));

export const products: readonly ProductRow[] = Array.from({ length: PRODUCT_COUNT }, (_, i) => ({
  upc: String(i + 1),
  name: GOODS[i % GOODS.length] ?? 'Thing',
  price: 100 + ((i * 397) % 1000),
  weight: 10 + ((i * 131) % 500),
}));

// Review k of user u is of product (u + k) mod n, so every product has REVIEWS_PER_USER too.
export const reviews: readonly ReviewRow[] = users.flatMap((user, u) =>
  Array.from({ length: REVIEWS_PER_USER }, (_, k) => {
    const index = u * REVIEWS_PER_USER + k;
    return {
      id: String(index + 1),
      body: `${SAYINGS[index % SAYINGS.length]} (review ${index + 1})`,
      authorId: user.id,
      productUpc: products[(u + k) % products.length]?.upc ?? '1',
    };
  }),
);

/** Whether the inventory has a product in stock: every third one is out. */
export const inStock = (upc: string) => Number(upc) % 3 !== 0;
