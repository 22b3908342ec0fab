import type { IncomingHttpHeaders } from 'node:http';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
} from '@govgraph/department';
import type { Listening, Logger } from '@govgraph/server';
import type { DocumentNode } from 'graphql';
import { silentLogger } from './loggers.js';
import { testCallerToken } from './testCallerToken.js';

/** A fixture department module: `import * as people from './support/departments/people.js'`. */
export interface Fixture {
  name: string;
  typeDefs: DocumentNode;
  resolvers: DepartmentResolvers;
}

export interface RunningFixture {
  name: string;
  /** The GraphQL endpoint, as a supergraph names it. */
  url: string;
  typeDefs: DocumentNode;
  /** Headers of every HTTP request the fixture received, in order. */
  requests: IncomingHttpHeaders[];
  /** The body of every POST the fixture received, parsed from JSON, in order of arrival. */
  bodies: unknown[];
  /** TCP connections the fixture accepted. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Serves a fixture with the same factory real departments use, on a free port. It accepts
 * the caller tokens of `testCallerToken` (give the gateway `access: { unchecked: true, signer: testCallerToken.signer }`).
 */
export async function startFixture(
  fixture: Fixture,
  logger: Logger = silentLogger(),
  port = 0,
): Promise<RunningFixture> {
  const listening: Listening = await createDepartmentServer({
    name: fixture.name,
    callerToken: testCallerToken.verifier,
    schema: buildDepartmentSchema(fixture.typeDefs, fixture.resolvers),
    logger,
    context: (scope) => scope,
  }).listen(port);
  const requests: IncomingHttpHeaders[] = [];
  const bodies: unknown[] = [];
  let connections = 0;
  listening.server.on('request', (req) => {
    requests.push(req.headers);
    if (req.method !== 'POST') return;
    // Read beside the server's own reader: a readable stream hands each chunk to every listener.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A body that is not JSON (a test of malformed requests) is kept as its text.
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        bodies.push(JSON.parse(text));
      } catch {
        bodies.push(text);
      }
    });
  });
  listening.server.on('connection', () => connections++);
  return {
    name: fixture.name,
    url: `${listening.url}/graphql`,
    typeDefs: fixture.typeDefs,
    requests,
    bodies,
    connections: () => connections,
    close: () => listening.close(),
  };
}
