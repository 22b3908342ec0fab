import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// Reviews of products by users: `@provides` the author's name, still answers a `username`
// that accounts has taken over (`@override`, so the planner must never ask here), and fails a
// nullable field for one review.
export const name = 'reviews';

export const typeDefs = parse(`
  type Query {
    "The latest reviews, the first n."
    topReviews(first: Int = 4): [Review!]!
  }

  type Review @key(fields: "id") {
    id: ID!
    body: String!
    rating: Int!
    "Fails for one review; nullable, so only it is null."
    moderationNote: String
    author: User @provides(fields: "name")
    product: Product!
  }

  type User @key(fields: "id") {
    id: ID!
    name: String @external
    "Moved to accounts (@override there); this stale copy must never be served."
    username: String
    reviews: [Review!]!
  }

  type Product @key(fields: "upc") {
    upc: ID!
    reviews: [Review!]!
  }
`);

const REVIEWS = [
  { id: 'r1', body: 'Sturdy.', rating: 5, upc: '1', author: 'u1' },
  { id: 'r2', body: 'Wobbly.', rating: 3, upc: '2', author: 'u2' },
  { id: 'r3', body: 'Heavy.', rating: 4, upc: '1', author: 'u9' },
  { id: 'r4', body: 'Dim.', rating: 1, upc: '3', author: 'u3' },
] as const;

type ReviewRow = (typeof REVIEWS)[number];

// What reviews copied of each author's name when the review was written (`@provides`).
const AUTHOR_NAMES: Readonly<Record<string, string>> = {
  u1: 'Ada',
  u2: 'Brian',
  u3: 'Chen',
  u9: 'Ghost',
};

export const resolvers = {
  Query: {
    topReviews: (_: unknown, args: { first: number }) => REVIEWS.slice(0, args.first),
  },
  Review: {
    __resolveReference: (ref: { id: string }) => REVIEWS.find((r) => r.id === ref.id) ?? null,
    moderationNote: (r: ReviewRow) => {
      if (r.id === 'r2') throw new Error('moderation queue offline');
      return r.rating < 2 ? 'held for review' : null;
    },
    author: (r: ReviewRow) => ({ id: r.author, name: AUTHOR_NAMES[r.author] }),
    product: (r: ReviewRow) => ({ upc: r.upc }),
  },
  User: {
    __resolveReference: (ref: { id: string }) => ref,
    username: (u: { id: string }) => `stale-${u.id}`,
    reviews: (u: { id: string }) => REVIEWS.filter((r) => r.author === u.id),
  },
  Product: {
    reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.upc === p.upc),
  },
} satisfies DepartmentResolvers;
