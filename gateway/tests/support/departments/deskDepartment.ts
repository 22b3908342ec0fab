import type { DepartmentResolvers } from '@govgraph/department';
import type { CallerTokenClaims, RequestScope } from '@govgraph/server';
import { parse } from 'graphql';

/** One write the desk department ran: its input and the caller-token claims it came with. */
export interface DeskWrite {
  field: string;
  args: Record<string, unknown>;
  hub: CallerTokenClaims | undefined;
}

/**
 * A department that writes: `fileRequest` names people and companies in an input object
 * (directly and in a list), `note` names no one. Every write it runs is pushed to `written`,
 * then `afterWrite` runs (a test breaks the audit log there, between intent and outcome).
 */
export function deskDepartment(afterWrite: () => Promise<void> = async () => {}) {
  const written: DeskWrite[] = [];
  const write = async (field: string, args: Record<string, unknown>, ctx: RequestScope) => {
    written.push({ field, args, hub: ctx.hub });
    await afterWrite();
    return written.length;
  };
  return {
    written,
    fixture: {
      name: 'desk',
      typeDefs: parse(`
        type Query {
          "Writes run so far."
          writeCount: Int! @classification(level: PUBLIC)
        }

        type Mutation {
          "Files a request on behalf of people or a company."
          fileRequest(input: RequestInput!): Request! @classification(level: PERSONAL)
          "Notes something about no one."
          note(text: String!): Int! @classification(level: INTERNAL)
        }

        "A request to file."
        input RequestInput {
          "The person it is for."
          nationalId: NationalId
          "The company it is for."
          creditCode: CreditCode
          "Further people it concerns."
          parties: [NationalId!]
          "What it is about."
          text: String!
        }

        "A filed request."
        type Request @classification(level: PERSONAL) {
          "Its number."
          id: ID!
          "What it is about."
          text: String!
        }
      `),
      resolvers: {
        Query: { writeCount: () => written.length },
        Mutation: {
          fileRequest: async (
            _: unknown,
            args: { input: { text: string } },
            ctx: RequestScope,
          ) => ({
            id: String(await write('fileRequest', args, ctx)),
            text: args.input.text,
          }),
          note: (_: unknown, args: { text: string }, ctx: RequestScope) => write('note', args, ctx),
        },
      } satisfies DepartmentResolvers,
    },
  };
}
