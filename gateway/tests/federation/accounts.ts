import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// Owns User: takes `username` over from reviews (`@override`), shares `name`, fails a
// nullable field for one user, a non-null field for another, and the entity fetch of an
// unknown user (u9) whom other subgraphs still point at.
export const name = 'accounts';

export const typeDefs = parse(`
  type Query {
    "The caller (always Ada here)."
    me: User
    "Every user."
    users: [User!]!
    "A user by ID; null when unknown."
    user(id: ID!): User
  }

  type User @key(fields: "id") {
    id: ID!
    name: String @shareable
    username: String @override(from: "reviews")
    "Fails for Chen; nullable."
    email: String
    "Fails for Brian; non-null, so Brian is null, and so is a non-null list holding him."
    birthYear: Int!
  }
`);

const USERS = [
  { id: 'u1', name: 'Ada', username: 'ada', email: 'ada@example.test', birthYear: 1815 },
  { id: 'u2', name: 'Brian', username: 'brian', email: 'brian@example.test', birthYear: 0 },
  { id: 'u3', name: 'Chen', username: 'chen', email: null, birthYear: 1990 },
] as const;

type UserRow = (typeof USERS)[number];

const find = (id: string): UserRow | undefined => USERS.find((u) => u.id === id);

export const resolvers = {
  Query: {
    me: () => USERS[0],
    users: () => USERS,
    user: (_: unknown, args: { id: string }) => find(args.id) ?? null,
  },
  User: {
    // Async, so one unknown user fails alone: a synchronous throw fails the whole batch.
    __resolveReference: async (ref: { id: string }) => {
      const user = find(ref.id);
      if (!user) throw new Error(`no account ${ref.id}`);
      return user;
    },
    email: (u: UserRow) => {
      if (u.id === 'u3') throw new Error('mail directory timed out');
      return u.email;
    },
    birthYear: (u: UserRow) => {
      if (u.id === 'u2') throw new Error('birth register sealed');
      return u.birthYear;
    },
  },
} satisfies DepartmentResolvers;
