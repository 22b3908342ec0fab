import { setTimeout as delay } from 'node:timers/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayServer } from '../src/index.js';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  firstErrorCode,
  freePort,
  postGraphQL,
  silentLogger,
  startFixture,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

describe('gateway readiness', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is live but not ready until its supergraph file appears, then serves queries', async () => {
    const registry = await startFixture(people);
    const business = await startFixture(companies);
    const file = await tempSupergraph();
    cleanups.push(registry.close, business.close, file.remove);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const starting = createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
      reloadDebounceMs: 20,
    }).listen(port);
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health; i++) {
      health = await fetch(`${url}/health`).catch(() => undefined);
      if (!health) await delay(20);
    }
    expect(health?.status).toBe(200);

    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', reason: 'no supergraph loaded yet' });
    const early = await postGraphQL(`${url}/graphql`, '{ names(size: 1) }');
    expect(early.status).toBe(503);
    expect(firstErrorCode(early.body)).toBe('GATEWAY_NOT_READY');
    expect(registry.requests).toHaveLength(0);

    await file.write(composeSupergraph([registry, business]));
    const listening = await starting;
    cleanups.push(listening.close);

    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const { body } = await postGraphQL(`${url}/graphql`, '{ names(size: 1) }');
    expect(body).toEqual({ data: { names: ['Wang Fang'] } });
  });

  it('loads a supergraph composed from subgraphs that use none of the govgraph standards', async () => {
    const plain = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { hello: String }
    `);
    const result = composeServices([
      { name: 'elsewhere', url: 'http://127.0.0.1:9/graphql', typeDefs: plain },
    ]);
    if (result.errors) throw result.errors[0];
    const file = await tempSupergraph(result.supergraphSdl);
    cleanups.push(file.remove);
    const listening = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
    }).listen(0);
    cleanups.push(listening.close);
    const { body } = await postGraphQL(
      `${listening.url}/graphql`,
      '{ __typename __type(name: "Query") { fields { name } } }',
    );
    expect(body).toEqual({
      data: { __typename: 'Query', __type: { fields: [{ name: 'hello' }] } },
    });
  });

  it('refuses to start on a file that is not a composed supergraph, and frees the port', async () => {
    const file = await tempSupergraph('type Query { hello: String }');
    cleanups.push(file.remove);
    const port = await freePort();
    await expect(
      createGatewayServer({
        access: { unchecked: true, signer: testCallerToken.signer },
        supergraphPath: file.path,
        logger: silentLogger(),
      }).listen(port),
    ).rejects.toThrow(/join|link|supergraph/i);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('answers /ready 503 naming a stopped department, 200 with each status once it is back', async () => {
    const registry = await startFixture(people);
    const business = await startFixture(companies);
    const file = await tempSupergraph(composeSupergraph([registry, business]));
    cleanups.push(registry.close, file.remove);
    const businessPort = new URL(business.url).port;
    // cacheMs 0: every /ready probes again (the default reuses an answer for 3 s).
    const listening = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
      readiness: { cacheMs: 0, timeoutMs: 500 },
    }).listen(0);
    cleanups.push(listening.close);

    const up = await fetch(`${listening.url}/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({
      status: 'ready',
      departments: { business: { status: 'up' }, registry: { status: 'up' } },
    });

    await business.close();
    const down = await fetch(`${listening.url}/ready`);
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body).toEqual({
      status: 'not ready',
      reason: 'departments unreachable: business',
      unreachable: ['business'],
      departments: {
        business: { status: 'down', reason: 'unreachable' },
        registry: { status: 'up' },
      },
    });
    // Never the department's address.
    expect(JSON.stringify(body)).not.toContain(businessPort);
    // Liveness is not readiness: the process still answers /health.
    expect((await fetch(`${listening.url}/health`)).status).toBe(200);

    const again = await startFixture(companies, silentLogger(), Number(businessPort));
    cleanups.push(again.close);
    expect((await fetch(`${listening.url}/ready`)).status).toBe(200);
  });

  it('stops probing a department a reloaded supergraph no longer names', async () => {
    const registry = await startFixture(people);
    const business = await startFixture(companies);
    const file = await tempSupergraph(composeSupergraph([registry, business]));
    cleanups.push(registry.close, business.close, file.remove);
    const listening = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
      reloadDebounceMs: 20,
      readiness: { cacheMs: 0 },
    }).listen(0);
    cleanups.push(listening.close);
    await business.close();
    expect((await fetch(`${listening.url}/ready`)).status).toBe(503);

    await file.write(composeSupergraph([registry]));
    let ready: Response | undefined;
    for (let i = 0; i < 200; i++) {
      ready = await fetch(`${listening.url}/ready`);
      if (ready.status === 200) break;
      await delay(20);
    }
    expect(ready?.status).toBe(200);
    expect(await ready?.json()).toEqual({
      status: 'ready',
      departments: { registry: { status: 'up' } },
    });
  });
});
