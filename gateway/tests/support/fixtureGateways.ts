import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  createGatewayServer,
  type GatewayServer,
  type GatewayServerOptions,
} from '../../src/index.js';
import { composeSupergraph } from './composeSupergraph.js';
import * as companies from './departments/companies.js';
import * as people from './departments/people.js';
import { type RunningFixture, startFixture } from './fixtureDepartment.js';
import { silentLogger } from './loggers.js';
import { type TempFile, tempSupergraph } from './tempSupergraph.js';
import { testCallerToken } from './testCallerToken.js';

type GatewayOptions = Partial<Omit<GatewayServerOptions, 'access'>>;

/** The fixture departments of `useFixtureGateways`, and gateways over them. */
export interface FixtureGateways {
  /** The people fixture, as `registry`. */
  readonly registry: RunningFixture;
  /** The companies fixture, as `business`. */
  readonly business: RunningFixture;
  /**
   * A gateway over the two (or `supergraphPath`'s), without access checks, closed after the
   * test; its GraphQL URL.
   */
  startGateway(options?: GatewayOptions): Promise<string>;
  /** The same, with the gateway itself (its metrics, its guard). */
  startGatewayServer(options?: GatewayOptions): Promise<{ gateway: GatewayServer; url: string }>;
  /** Runs `cleanup` after the test (a department it started), after the ones added later. */
  afterTest(cleanup: () => Promise<unknown>): void;
}

/**
 * For one describe block: the people and companies fixture departments with their supergraph,
 * started once, and gateways over them started per test, closed after it.
 */
export function useFixtureGateways(): FixtureGateways {
  let registry: RunningFixture | undefined;
  let business: RunningFixture | undefined;
  let file: TempFile | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fixture departments start in beforeAll');
    return value;
  };

  beforeAll(async () => {
    registry = await startFixture(people);
    business = await startFixture(companies);
    file = await tempSupergraph(composeSupergraph([registry, business]));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await registry?.close();
    await business?.close();
    await file?.remove();
  });

  const startGatewayServer = async (options: GatewayOptions = {}) => {
    const gateway = createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: started(file).path,
      logger: silentLogger(),
      ...options,
    });
    const listening = await gateway.listen(0);
    cleanups.push(() => listening.close());
    return { gateway, url: `${listening.url}/graphql` };
  };

  return {
    get registry() {
      return started(registry);
    },
    get business() {
      return started(business);
    },
    startGatewayServer,
    async startGateway(options = {}) {
      return (await startGatewayServer(options)).url;
    },
    afterTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
