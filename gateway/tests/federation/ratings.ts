import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// Adds fields to every Media through `@interfaceObject`, without knowing Book or Movie: the
// gateway asks catalog for the concrete type of what this subgraph returns. (The standards
// import federation's directives by name; this one is used by its namespaced name.)
export const name = 'ratings';

export const typeDefs = parse(`
  type Query {
    "The best rated media, best first."
    bestRated: [Media!]!
  }

  type Media @key(fields: "id") @federation__interfaceObject {
    id: ID!
    "Mean stars; null when unrated."
    stars: Float
    ratingCount: Int!
  }
`);

const RATINGS: Readonly<Record<string, { stars: number | null; ratingCount: number }>> = {
  b1: { stars: 4.5, ratingCount: 10 },
  b2: { stars: null, ratingCount: 0 },
  m1: { stars: 3.9, ratingCount: 7 },
};

const media = (id: string) => {
  const rating = RATINGS[id];
  return rating ? { id, ...rating } : null;
};

export const resolvers = {
  Query: {
    bestRated: () => ['b1', 'm1'].map(media),
  },
  Media: {
    __resolveReference: (ref: { id: string }) => media(ref.id),
  },
} satisfies DepartmentResolvers;
