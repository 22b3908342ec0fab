import { ApolloServer } from '@apollo/server';
import { buildDepartmentSchema } from '@govgraph/department';
import { createGraphQLHandler, type Listening, listen } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  firstError,
  memoryLogger,
  postGraphQL,
  startFixture,
  useFixtureGateways,
} from './support/index.js';

// Words that would betray a department's internals in a response.
const LEAKS = [
  /select \*/i,
  /\/srv\//,
  /queries\.ts/,
  /stacktrace/i,
  /\bat .*:\d+:\d+/,
  /127\.0\.0\.1/,
];

describe('when a department fails', () => {
  const { startGateway, afterTest } = useFixtureGateways();

  it('returns the other departments’ data and names the one that stopped', async () => {
    const doomed = await startFixture(companies);
    afterTest(() => doomed.close());
    const url = await startGateway({ subgraphUrls: { business: doomed.url } });
    const query = `{ person(nationalId: "${people.LI}") { name companies { name } } }`;
    const before = await postGraphQL(url, query);
    expect(before.body).toEqual({
      data: { person: { name: 'Li Wei', companies: [{ name: 'Beijing Lantern Works' }] } },
    });

    await doomed.close();
    const { status, body, text } = await postGraphQL(url, query);

    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { name: 'Li Wei', companies: null } });
    expect(body.errors).toHaveLength(1);
    expect(firstError(body).message).toBe(
      "The business department could not be reached, so the fields it owns are null (the error's path; extensions.paths lists every one), and so is whatever other departments would have added under them. Retry in a moment.",
    );
    expect(firstError(body).path).toEqual(['person', 'companies']);
    expect(firstError(body).extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'business',
    });
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    expect(text).not.toContain(new URL(doomed.url).port);
  });

  it('reports a stopped department once even when the plan fetched from it twice', async () => {
    const doomed = await startFixture(companies);
    await doomed.close();
    const url = await startGateway({ subgraphUrls: { business: doomed.url } });
    const { body } = await postGraphQL(
      url,
      `{ company(creditCode: "91350100M000100Y43") { name }
         person(nationalId: "${people.WANG}") { name companies { name } } }`,
    );
    expect(body.data).toEqual({ company: null, person: { name: 'Wang Fang', companies: null } });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.department])).toEqual([
      ['DEPARTMENT_UNAVAILABLE', 'business'],
    ]);
    // One error for the department; every field its outage left null is listed.
    expect(firstError(body).extensions?.paths).toEqual(
      expect.arrayContaining([['company'], ['person', 'companies']]),
    );
  });

  it('gives up on a department slower than the timeout and still answers with the rest', async () => {
    const url = await startGateway({ subgraphTimeoutMs: 300 });
    const started = performance.now();
    const { body } = await postGraphQL(
      url,
      `{ person(nationalId: "${companies.SLOW_PERSON}") { name companies { name } } }`,
    );
    const elapsed = performance.now() - started;

    expect(body.data).toEqual({ person: { name: 'Zhang Min', companies: null } });
    expect(body.errors).toHaveLength(1);
    expect(firstError(body).message).toContain('business department did not answer within 300 ms');
    expect(firstError(body).extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'business',
    });
    // It answered without waiting for the slow department (which takes SLOW_MS).
    expect(elapsed).toBeLessThan(companies.SLOW_MS);
  });

  it('masks a department’s unclassified error; the department’s log keeps it under the same request id', async () => {
    const registryLog = memoryLogger();
    const leaky = await startFixture(people, registryLog.logger);
    afterTest(() => leaky.close());
    const url = await startGateway({ subgraphUrls: { registry: leaky.url } });

    const { body, text } = await postGraphQL(url, '{ broken }');

    expect(body.data).toEqual({ broken: null });
    expect(body.errors).toHaveLength(1);
    const error = firstError(body);
    expect(error.extensions).toMatchObject({ code: 'DEPARTMENT_ERROR', department: 'registry' });
    expect(error.message).toContain('quote the request id to the operator');
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    const requestId = error.extensions?.requestId;
    expect(typeof requestId).toBe('string');
    const logged = registryLog.lines.find((l) => l.requestId === requestId && l.level === 50);
    expect((logged?.err as { message?: string } | undefined)?.message).toBe(people.LEAKY_MESSAGE);
  });

  it('masks what a department that does not mask leaks (SQL, paths, stack); the gateway log keeps it', async () => {
    // A department built without the shared runtime: it returns its error message and stack as is.
    const bare = new ApolloServer({
      schema: buildDepartmentSchema(people.typeDefs, people.resolvers),
      includeStacktraceInErrorResponses: true,
    });
    await bare.start();
    const bareListening: Listening = await listen(
      createGraphQLHandler(bare, { context: async () => ({}) }),
      0,
    );
    afterTest(async () => {
      await bareListening.close();
      await bare.stop();
    });
    const direct = await postGraphQL(`${bareListening.url}/graphql`, '{ broken }');
    expect(direct.text).toContain('select * from person');

    const gatewayLog = memoryLogger();
    const url = await startGateway({
      subgraphUrls: { registry: `${bareListening.url}/graphql` },
      logger: gatewayLog.logger,
    });
    const { body, text } = await postGraphQL(url, '{ broken }');

    expect(body.data).toEqual({ broken: null });
    expect(firstError(body).extensions).toMatchObject({
      code: 'DEPARTMENT_ERROR',
      department: 'registry',
    });
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    const requestId = firstError(body).extensions?.requestId;
    const logged = gatewayLog.lines.find(
      (l) => l.requestId === requestId && l.msg === 'department error',
    );
    expect(logged?.department).toBe('registry');
    expect((logged?.departmentError as { message?: string } | undefined)?.message).toBe(
      people.LEAKY_MESSAGE,
    );
  });
});

describe('the department fetch', () => {
  it('is govgraph’s sendRequest, which builds no node-fetch Request per fetch', async () => {
    const { DepartmentDataSource } = await import('../src/dataSource/DepartmentDataSource.js');
    const { RemoteGraphQLDataSource } = await import('@apollo/gateway');
    const own = Reflect.get(DepartmentDataSource.prototype, 'sendRequest');
    expect(Object.hasOwn(DepartmentDataSource.prototype, 'sendRequest')).toBe(true);
    // Apollo's is still there to replace: an upgrade that renamed it would leave ours unused.
    expect(typeof Reflect.get(RemoteGraphQLDataSource.prototype, 'sendRequest')).toBe('function');
    expect(own).not.toBe(Reflect.get(RemoteGraphQLDataSource.prototype, 'sendRequest'));
  });
});
