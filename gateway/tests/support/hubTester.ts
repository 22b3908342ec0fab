import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessRegistry } from '@govgraph/governance';
import type { Listening } from '@govgraph/server';
import { connectTestRedis } from '@govgraph/testing';
import type { GatewayContext } from '../../src/context.js';
import {
  createGatewayServer,
  type GatewayServer,
  type GatewayServerOptions,
} from '../../src/index.js';
import { composeSupergraph } from './composeSupergraph.js';
import { type Fixture, type RunningFixture, startFixture } from './fixtureDepartment.js';
import { silentLogger } from './loggers.js';
import {
  type GraphQLRequest,
  type GraphQLResult,
  type PostOptions,
  postGraphQL,
} from './postGraphQL.js';
import { type TempFile, tempSupergraph } from './tempSupergraph.js';
import { testCallerToken } from './testCallerToken.js';

export interface HubTesterOptions {
  /** Fixture departments, each started on a free port with the real department factory. */
  departments?: readonly Fixture[];
  /**
   * The supergraph the gateway watches. @default the departments composed (`composeSupergraph`)
   */
  supergraph?: string | ((departments: readonly RunningFixture[]) => string);
  /** Turns the access policy on with this registry. @default access unchecked, every caller anonymous */
  registry?: AccessRegistry;
  /** Any other gateway option; `access` here wins over `registry`. @default a silent logger */
  gateway?: Partial<Omit<GatewayServerOptions, 'supergraphPath'>>;
  /** Apollo plugins added before the gateway listens (tests that watch the request context). */
  plugins?: readonly ApolloServerPlugin<GatewayContext>[];
}

/** A gateway over fixture departments, started together and closed together. */
export interface HubTester extends AsyncDisposable {
  /** The gateway's base URL (`/graphql`, `/health`, `/metrics` are under it). */
  url: string;
  /** `${url}/graphql`. */
  graphqlUrl: string;
  server: GatewayServer;
  listening: Listening;
  departments: readonly RunningFixture[];
  /** The running department of that name; throws when there is none. */
  department(name: string): RunningFixture;
  /** The file the gateway watches; `supergraph.write` makes it reload. */
  supergraph: TempFile;
  /** The supergraph it started with. */
  supergraphSdl: string;
  /** POSTs to the gateway's `/graphql` (`postGraphQL`). */
  post(request: GraphQLRequest, options?: PostOptions): Promise<GraphQLResult>;
  /** A fresh Redis key prefix whose keys are deleted when the tester closes. */
  redisPrefix(label: string): string;
  /** Runs `cleanup` when the tester closes, before what the tester started itself. */
  defer(cleanup: () => unknown): void;
  /** Closes everything, last started first; a second call does nothing. */
  close(): Promise<void>;
}

/**
 * Starts the fixture departments, composes them into a supergraph file and serves a gateway
 * over it, as the hub does in production (Hive's `createGatewayTester` is the model). Use it
 * with `await using tester = await createHubTester(...)` inside a test, or close it in
 * `afterAll`. When a step fails, what was already started is closed before the error is thrown.
 */
export async function createHubTester(options: HubTesterOptions = {}): Promise<HubTester> {
  const cleanups: (() => unknown)[] = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= runCleanups(cleanups);
    return closing;
  };
  try {
    const departments: RunningFixture[] = [];
    for (const fixture of options.departments ?? []) {
      const running = await startFixture(fixture);
      cleanups.push(() => running.close());
      departments.push(running);
    }
    const sdl =
      typeof options.supergraph === 'string'
        ? options.supergraph
        : (options.supergraph ?? composeSupergraph)(departments);
    const supergraph = await tempSupergraph(sdl);
    cleanups.push(() => supergraph.remove());
    const server = createGatewayServer({
      logger: silentLogger(),
      access: options.registry
        ? { registry: options.registry, signer: testCallerToken.signer }
        : { unchecked: true, signer: testCallerToken.signer },
      ...options.gateway,
      supergraphPath: supergraph.path,
    });
    for (const plugin of options.plugins ?? []) server.server.addPlugin(plugin);
    const listening = await server.listen(0);
    cleanups.push(() => listening.close());
    const graphqlUrl = `${listening.url}/graphql`;
    return {
      url: listening.url,
      graphqlUrl,
      server,
      listening,
      departments,
      department(name) {
        const found = departments.find((d) => d.name === name);
        if (!found) throw new Error(`no department named ${name} in this tester`);
        return found;
      },
      supergraph,
      supergraphSdl: sdl,
      post: (request, postOptions) => postGraphQL(graphqlUrl, request, postOptions),
      redisPrefix(label) {
        const prefix = `govgraph-test:${label}:${randomUUID()}`;
        cleanups.push(() => deleteRedisKeys(prefix));
        return prefix;
      },
      defer: (cleanup) => void cleanups.push(cleanup),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs every cleanup, newest first, even when one fails; then throws the first failure. */
async function runCleanups(cleanups: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = await connectTestRedis();
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
