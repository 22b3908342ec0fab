import type { DepartmentResolvers } from '@govgraph/department';
import type { RequestScope } from '@govgraph/server';
import { parse } from 'graphql';
import { LI, WANG } from '../identities.js';

// Two small departments whose fields span every classification level, an interface with two
// implementations, an input object carrying national IDs, and an entity both of them extend.

const PEOPLE: Record<string, { name: string; district: string; health: string }> = {
  [WANG]: { name: 'Wang Fang', district: 'Xicheng', health: 'asthma' },
  [LI]: { name: 'Li Wei', district: 'Xuhui', health: 'none' },
};

const person = (nationalId: string) => {
  const found = PEOPLE[nationalId];
  return found ? { nationalId, ...found } : null;
};

/** The residents' registry: people, notices (an interface), and who the gateway says is asking. */
export const residents = {
  name: 'residents',
  typeDefs: parse(`
    type Query {
      "A resident by national ID."
      person(nationalId: NationalId!): Person @classification(level: PUBLIC)
      "Residents matching a filter."
      people(filter: PeopleFilter!): [Person!]! @classification(level: INTERNAL)
      "Published notices."
      notices: [Notice!]! @classification(level: PUBLIC)
      "The verified caller-token claims this department received, as JSON."
      whoAsks: String! @classification(level: PUBLIC)
    }

    "Which residents."
    input PeopleFilter {
      "National IDs."
      nationalIds: [NationalId!]!
    }

    "A published notice."
    interface Notice @classification(level: PUBLIC) {
      "Title."
      title: String!
      "Whom it concerns."
      issuedTo: NationalId @classification(level: PERSONAL)
    }

    "A penalty notice."
    type Penalty implements Notice @classification(level: PUBLIC) {
      "Title."
      title: String!
      "Whom it concerns."
      issuedTo: NationalId @classification(level: PERSONAL)
      "Amount."
      amount: String!
    }

    "An award notice."
    type Award implements Notice @classification(level: PUBLIC) {
      "Title."
      title: String!
      "Whom it concerns."
      issuedTo: NationalId @classification(level: PERSONAL)
      "Prize."
      prize: String! @classification(level: INTERNAL)
    }

    "A registered resident."
    type Person @key(fields: "nationalId") @classification(level: PERSONAL) {
      "Resident identity number."
      nationalId: NationalId!
      "Full name."
      name: String!
      "Where they live."
      district: String! @classification(level: INTERNAL)
      "Health condition."
      health: String! @classification(level: SENSITIVE)
    }
  `),
  resolvers: {
    Query: {
      person: (_: unknown, args: { nationalId: string }) => person(args.nationalId),
      people: (_: unknown, args: { filter: { nationalIds: string[] } }) =>
        args.filter.nationalIds.flatMap((n) => person(n) ?? []),
      notices: () => [
        { __typename: 'Penalty', title: 'Late filing', issuedTo: WANG, amount: '200.00' },
        { __typename: 'Award', title: 'Volunteer', issuedTo: LI, prize: 'medal' },
      ],
      whoAsks: (_: unknown, __: unknown, ctx: RequestScope) => JSON.stringify(ctx.hub ?? null),
    },
    Person: {
      __resolveReference: (ref: { nationalId: string }) => person(ref.nationalId),
    },
  } satisfies DepartmentResolvers,
};

/** The tax office: extends Person with a confidential field. */
export const taxes = {
  name: 'taxes',
  typeDefs: parse(`
    "A registered resident."
    type Person @key(fields: "nationalId") @classification(level: PERSONAL) {
      "Resident identity number."
      nationalId: NationalId!
      "Tax due."
      taxDue: String! @classification(level: CONFIDENTIAL)
    }
  `),
  resolvers: {
    Person: {
      __resolveReference: (ref: { nationalId: string }) => ({ ...ref, taxDue: '1200.00' }),
    },
  } satisfies DepartmentResolvers,
};
