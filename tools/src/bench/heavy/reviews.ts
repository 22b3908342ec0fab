import { parse } from 'graphql';
import { REVIEWS_PER_USER, type ReviewRow, reviews, users } from './heavyData.js';

// The heavy query's reviews subgraph: reviews of users and of products, and each review's
// author with the username it @provides (so the gateway need not ask accounts for it).

export const name = 'reviews';

export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@provides", "@listSize"])

  type Review @key(fields: "id") {
    id: ID!
    body: String
    author: User @provides(fields: "username")
    product: Product
  }

  type User @key(fields: "id") {
    id: ID!
    username: String @external
    reviews: [Review] @listSize(assumedSize: ${REVIEWS_PER_USER})
  }

  type Product @key(fields: "upc") {
    upc: String!
    reviews: [Review] @listSize(assumedSize: ${REVIEWS_PER_USER})
  }
`);

const byId = new Map(reviews.map((r) => [r.id, r]));
const usernames = new Map(users.map((u) => [u.id, u.username]));

export const resolvers = {
  Review: {
    __resolveReference: ({ id }: Pick<ReviewRow, 'id'>) => byId.get(id) ?? null,
    author: (review: ReviewRow) => ({
      id: review.authorId,
      username: usernames.get(review.authorId) ?? null,
    }),
    product: (review: ReviewRow) => ({ upc: review.productUpc }),
  },
  User: {
    reviews: ({ id }: { id: string }) => reviews.filter((r) => r.authorId === id),
  },
  Product: {
    reviews: ({ upc }: { upc: string }) => reviews.filter((r) => r.productUpc === upc),
  },
};
