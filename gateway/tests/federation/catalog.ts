import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';

// An entity interface (Media, implemented by Book and Movie) that ratings extends as an
// @interfaceObject, and a union whose members live in three subgraphs.
export const name = 'catalog';

export const typeDefs = parse(`
  type Query {
    "Every media item."
    media: [Media!]!
    "A media item by ID; null when unknown."
    mediaItem(id: ID!): Media
    "Anything whose title or name holds the term (products and users by a fixed index)."
    search(term: String!): [SearchResult!]!
  }

  interface Media @key(fields: "id") {
    id: ID!
    title: String!
  }

  type Book implements Media @key(fields: "id") {
    id: ID!
    title: String!
    pages: Int
    author: User
  }

  type Movie implements Media @key(fields: "id") {
    id: ID!
    title: String!
    minutes: Int!
  }

  union SearchResult = Book | Movie | Product | User

  type Product @key(fields: "upc", resolvable: false) {
    upc: ID!
  }

  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

const MEDIA = [
  { __typename: 'Book', id: 'b1', title: 'Dune', pages: 412, author: 'u1' },
  { __typename: 'Book', id: 'b2', title: 'Emma', pages: null, author: 'u9' },
  { __typename: 'Movie', id: 'm1', title: 'Alien', minutes: 117 },
] as const;

type MediaRow = (typeof MEDIA)[number];

// Products and users by a word of their name (their names live in other subgraphs).
const INDEX = [
  { word: 'chair', ref: { __typename: 'Product', upc: '2' } },
  { word: 'chair', ref: { __typename: 'Product', upc: '3' } },
  { word: 'ada', ref: { __typename: 'User', id: 'u1' } },
  { word: 'ghost', ref: { __typename: 'User', id: 'u9' } },
] as const;

export const resolvers = {
  Query: {
    media: () => MEDIA,
    mediaItem: (_: unknown, args: { id: string }) => MEDIA.find((m) => m.id === args.id) ?? null,
    search: (_: unknown, args: { term: string }) => {
      const term = args.term.toLowerCase();
      return [
        ...MEDIA.filter((m) => m.title.toLowerCase().includes(term)),
        ...INDEX.filter((i) => i.word.includes(term)).map((i) => i.ref),
      ];
    },
  },
  Media: {
    __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
  },
  Book: {
    __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
    author: (b: MediaRow) => ('author' in b ? { id: b.author } : null),
  },
  Movie: {
    __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
  },
} satisfies DepartmentResolvers;
