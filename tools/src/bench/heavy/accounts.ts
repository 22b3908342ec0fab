import { parse } from 'graphql';
import { USER_COUNT, type UserRow, users } from './heavyData.js';

// The heavy query's accounts subgraph: users. Written for this benchmark after the shape of
// The Guild's federation benchmark (docs/benchmarks.md); the module is the fixture.

export const name = 'accounts';

export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@listSize"])

  type Query {
    me: User
    user(id: ID!): User
    users: [User] @listSize(assumedSize: ${USER_COUNT})
  }

  type User @key(fields: "id") {
    id: ID!
    name: String
    username: String @shareable
  }
`);

const byId = new Map(users.map((u) => [u.id, u]));

export const resolvers = {
  Query: {
    me: () => users[0],
    user: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null,
    users: () => users,
  },
  User: {
    __resolveReference: ({ id }: Pick<UserRow, 'id'>) => byId.get(id) ?? null,
  },
};
