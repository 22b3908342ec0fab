import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayServer } from '../src/index.js';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  firstError,
  postGraphQL,
  type RunningFixture,
  silentLogger,
  startFixture,
  type TempFile,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

// Said only when it is true; the messages of a department outage must never claim it.
const COMPLETE_CLAIM = /other departments is complete/;

describe('DEPARTMENT_UNAVAILABLE names the fields it left null', () => {
  let registry: RunningFixture;
  let business: RunningFixture;
  let file: TempFile;
  let closeGateway: (() => Promise<void>) | undefined;
  let url = '';

  beforeAll(async () => {
    registry = await startFixture(people);
    business = await startFixture(companies);
    file = await tempSupergraph(composeSupergraph([registry, business]));
    // Both departments stopped after composing: the gateway routes to ports nobody serves.
    await registry.close();
    await business.close();
    const listening = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
    }).listen(0);
    closeGateway = listening.close;
    url = `${listening.url}/graphql`;
  });

  afterAll(async () => {
    await closeGateway?.();
    await file?.remove();
  });

  it('a root-field department down: the root is null, the error says so and points at it', async () => {
    const { status, body } = await postGraphQL(
      url,
      `{ person(nationalId: "${people.LI}") { name companies { name } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: null });
    expect(body.errors).toHaveLength(1);
    const error = firstError(body);
    expect(error.path).toEqual(['person']);
    expect(error.extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'registry',
      paths: [['person']],
    });
    expect(error.message).toContain('registry department could not be reached');
    expect(error.message).toContain('whatever other departments would have added under them');
    expect(error.message).not.toMatch(COMPLETE_CLAIM);
  });

  it('aliases: the path is the caller’s response key, one per aliased root field', async () => {
    const { body } = await postGraphQL(
      url,
      `{ a: person(nationalId: "${people.LI}") { name } b: person(nationalId: "${people.WANG}") { name } }`,
    );
    expect(body.data).toEqual({ a: null, b: null });
    expect(body.errors).toHaveLength(1);
    expect(firstError(body).path).toEqual(['a']);
    expect(firstError(body).extensions?.paths).toEqual([['a'], ['b']]);
  });
});

describe('an entity department down', () => {
  let registry: RunningFixture;
  let business: RunningFixture;
  let file: TempFile;
  let closeGateway: (() => Promise<void>) | undefined;
  let url = '';

  beforeAll(async () => {
    registry = await startFixture(people);
    business = await startFixture(companies);
    file = await tempSupergraph(composeSupergraph([registry, business]));
    await business.close();
    const listening = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
    }).listen(0);
    closeGateway = listening.close;
    url = `${listening.url}/graphql`;
  });

  afterAll(async () => {
    await closeGateway?.();
    await registry?.close();
    await file?.remove();
  });

  it('nulls only the entity field; the error points at person.companies', async () => {
    const { body } = await postGraphQL(url, {
      query: `query Q($id: NationalId!) { person(nationalId: $id) { name ...C } }
       fragment C on Person { owned: companies { name } }`,
      variables: { id: people.LI },
    });
    expect(body.data).toEqual({ person: { name: 'Li Wei', owned: null } });
    expect(body.errors).toHaveLength(1);
    const error = firstError(body);
    expect(error.path).toEqual(['person', 'owned']);
    expect(error.extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'business',
      paths: [['person', 'owned']],
    });
    expect(error.message).toContain('business department could not be reached');
    expect(error.message).not.toMatch(COMPLETE_CLAIM);
  });
});
