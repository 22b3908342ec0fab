import type { DepartmentResolvers } from '@govgraph/department';
import { parse } from 'graphql';
import type { Fixture } from '../fixtureDepartment.js';
import { LANTERN, LI, TEA, WANG, ZHANG } from '../identities.js';

// Two small departments with cache hints and levels, whose resolvers count their calls, for the
// cache tests. Their data is mutable so tests can write and check that caches follow.

/** What the departments hold, and how often they were asked. */
export interface CacheWorld {
  names: Map<string, string>;
  companies: { creditCode: string; name: string; representative: string }[];
  /** Calls of `Person.companies`, by national ID. */
  companyLookups: Map<string, number>;
  /** `Person.visits` answers (never cacheable) so far. */
  visits: number;
  /** Calls of `Person.audited` (fails for LI). */
  auditedCalls: number;
  /** When set, `Person.companies` of this person waits for it. */
  gate?: { nationalId: string; opened: Promise<void> };
}

export function cacheWorld(): CacheWorld {
  return {
    names: new Map([
      [WANG, 'Wang Fang'],
      [LI, 'Li Wei'],
      [ZHANG, 'Zhang Min'],
    ]),
    companies: [
      { creditCode: TEA, name: 'Minjiang Tea Co.', representative: WANG },
      { creditCode: LANTERN, name: 'Beijing Lantern Works', representative: LI },
    ],
    companyLookups: new Map(),
    visits: 0,
    auditedCalls: 0,
  };
}

export function registry(world: CacheWorld): Fixture {
  const person = (nationalId: string) => {
    const name = world.names.get(nationalId);
    return name ? { nationalId, name } : null;
  };
  return {
    name: 'registry',
    typeDefs: parse(`
      type Query {
        "A resident by national ID; null when unknown."
        person(nationalId: NationalId!): Person @classification(level: PERSONAL)
        "Residents by national ID, in the order asked."
        people(nationalIds: [NationalId!]!): [Person]! @classification(level: PERSONAL)
      }
      "A registered resident."
      type Person @key(fields: "nationalId") @classification(level: PERSONAL) @cacheControl(maxAge: 300) {
        "Resident identity number."
        nationalId: NationalId!
        "Full name."
        name: String!
        "Visits to the registry so far: live, never cached."
        visits: Int! @cacheControl(maxAge: 0)
      }
    `),
    resolvers: {
      Query: {
        person: (_: unknown, args: { nationalId: string }) => person(args.nationalId),
        people: (_: unknown, args: { nationalIds: string[] }) => args.nationalIds.map(person),
      },
      Person: {
        __resolveReference: (ref: { nationalId: string }) => person(ref.nationalId),
        visits: () => ++world.visits,
      },
    } satisfies DepartmentResolvers,
  };
}

export function business(world: CacheWorld): Fixture {
  const company = (creditCode: string) =>
    world.companies.find((c) => c.creditCode === creditCode) ?? null;
  return {
    name: 'business',
    typeDefs: parse(`
      type Query {
        "A business by credit code; null when unknown."
        company(creditCode: CreditCode!): Company @classification(level: PUBLIC)
      }
      "A registered business."
      type Company @key(fields: "creditCode") @classification(level: PUBLIC) @cacheControl(maxAge: 600) {
        "Unified social credit code."
        creditCode: CreditCode!
        "Registered name."
        name: String!
        "Legal representative."
        representative: Person
      }
      "A resident, as the business registry sees them."
      type Person @key(fields: "nationalId") {
        "Resident identity number."
        nationalId: NationalId!
        "Businesses this resident represents."
        companies: [Company!] @classification(level: PUBLIC)
        "An audit note; fails for one resident."
        audited: String @classification(level: INTERNAL)
      }
    `),
    resolvers: {
      Query: {
        company: (_: unknown, args: { creditCode: string }) => company(args.creditCode),
      },
      Company: {
        __resolveReference: (ref: { creditCode: string }) => company(ref.creditCode),
        representative: (c: { representative: string }) => ({ nationalId: c.representative }),
      },
      Person: {
        companies: async (p: { nationalId: string }) => {
          world.companyLookups.set(p.nationalId, (world.companyLookups.get(p.nationalId) ?? 0) + 1);
          if (world.gate?.nationalId === p.nationalId) await world.gate.opened;
          return world.companies.filter((c) => c.representative === p.nationalId);
        },
        audited: (p: { nationalId: string }) => {
          world.auditedCalls++;
          if (p.nationalId === LI) throw new Error('audit note store is down');
          return `checked ${p.nationalId.slice(0, 6)}`;
        },
      },
    } satisfies DepartmentResolvers,
  };
}
