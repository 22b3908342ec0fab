import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
} from '@govgraph/department';
import { standardsTypeDefs } from '@govgraph/schema';
import type { Listening, Logger } from '@govgraph/server';
import { type DocumentNode, Kind } from 'graphql';
import pino from 'pino';
import { testCallerToken } from './support/testCallerToken.js';

/** A fixture subgraph module: `import * as people from './fixtures/people.js'`. */
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
  let connections = 0;
  listening.server.on('request', (req) => requests.push(req.headers));
  listening.server.on('connection', () => connections++);
  return {
    name: fixture.name,
    url: `${listening.url}/graphql`,
    typeDefs: fixture.typeDefs,
    requests,
    connections: () => connections,
    close: () => listening.close(),
  };
}

/** Composes subgraphs (each with the shared standards in front, as `tools` does) into a supergraph. */
export function composeSupergraph(
  subgraphs: readonly { name: string; url: string; typeDefs: DocumentNode }[],
): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: {
        kind: Kind.DOCUMENT,
        definitions: [...standardsTypeDefs.definitions, ...s.typeDefs.definitions],
      },
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface TempFile {
  path: string;
  write(text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A supergraph file in its own temporary directory (the gateway watches the directory). */
export async function tempSupergraph(sdl?: string): Promise<TempFile> {
  const dir = await mkdtemp(join(tmpdir(), 'govgraph-gateway-'));
  const path = join(dir, 'supergraph.graphql');
  if (sdl !== undefined) await writeFile(path, sdl);
  return {
    path,
    write: (text) => writeFile(path, text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger whose JSON lines are kept in memory, so tests can read what operators would see. */
export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL request and returns the status, the headers and the parsed body. */
export async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponse; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text) as GraphQLResponse,
    text,
  };
}

/** A port that was free a moment ago, for a server whose address must be known before it is ready. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
