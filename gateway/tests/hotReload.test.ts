import { rename, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { concatAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  createHubTester,
  firstErrorCode,
  type GraphQLResponse,
  type HubTester,
  memoryLogger,
  WANG,
} from './support/index.js';

// The registry ships a new field before the supergraph is recomposed, as departments do.
const nickname = parse(`
  extend type Person {
    "Name used day to day."
    nickname: String
  }
`);
const registryV2 = {
  name: people.name,
  typeDefs: concatAST([people.typeDefs, nickname]),
  resolvers: {
    ...people.resolvers,
    Person: { ...people.resolvers.Person, nickname: () => 'Xiao Fang' },
  },
};

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await delay(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('supergraph hot reload', () => {
  let hub: HubTester;
  const log = memoryLogger();
  const NICKNAME = `{ person(nationalId: "${WANG}") { name nickname } }`;
  const JOIN = `{ person(nationalId: "${WANG}") { name companies { name } } }`;

  beforeAll(async () => {
    hub = await createHubTester({
      departments: [registryV2, companies],
      // The supergraph of before the registry's new field.
      supergraph: (running) =>
        composeSupergraph(
          running.map((d) => (d.name === people.name ? { ...d, typeDefs: people.typeDefs } : d)),
        ),
      gateway: { logger: log.logger, reloadDebounceMs: 50 },
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('serves a field added to the file, and every request made during the reload succeeds', async () => {
    const before = await hub.post(NICKNAME);
    expect(firstErrorCode(before.body)).toBe('GRAPHQL_VALIDATION_FAILED');

    // Keep 8 requests in flight the whole time the file is replaced.
    const results: { status: number; body: GraphQLResponse }[] = [];
    let running = true;
    const worker = async () => {
      while (running) results.push(await hub.post(JOIN));
    };
    const workers = Array.from({ length: 8 }, worker);

    // Written aside and renamed over the old file, as `compose` and editors do.
    const v2 = composeSupergraph(hub.departments);
    await writeFile(`${hub.supergraph.path}.tmp`, v2);
    await rename(`${hub.supergraph.path}.tmp`, hub.supergraph.path);
    const after = await until(async () => {
      const res = await hub.post(NICKNAME);
      return res.body.errors ? undefined : res.body;
    }, 'the nickname field');
    await delay(100);
    running = false;
    await Promise.all(workers);

    expect(after).toEqual({ data: { person: { name: 'Wang Fang', nickname: 'Xiao Fang' } } });
    expect(results.length).toBeGreaterThan(8);
    const expected = {
      data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
    };
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.body).toEqual(expected);
    }
    expect(log.lines.some((l) => l.msg === 'supergraph reloaded')).toBe(true);

    // The new schema's scalars got the standard rules too.
    const calls = hub.department(people.name).requests.length;
    const bad = await hub.post('{ person(nationalId: "11010519491231002Y") { nickname } }');
    expect(firstErrorCode(bad.body)).toBe('INVALID_NATIONAL_ID');
    expect(hub.department(people.name).requests.length).toBe(calls);
  });

  it('keeps serving the previous schema when the new file does not load, and logs why', async () => {
    await hub.supergraph.write('this is not a supergraph {');
    await until(
      async () =>
        log.lines.find(
          (l) => l.msg === 'supergraph file does not load; still serving the previous schema',
        ),
      'the failed reload to be logged',
    );
    const res = await hub.post(NICKNAME);
    expect(res.body).toEqual({ data: { person: { name: 'Wang Fang', nickname: 'Xiao Fang' } } });

    // A valid schema that is not a composed supergraph (no join spec) is refused the same way.
    const failures = () =>
      log.lines.filter((l) => String(l.msg).startsWith('supergraph file does not load')).length;
    const seen = failures();
    await hub.supergraph.write('type Query { hello: String }');
    await until(async () => (failures() > seen ? true : undefined), 'the second failed reload');
    expect((await hub.post(NICKNAME)).body.data).toEqual({
      person: { name: 'Wang Fang', nickname: 'Xiao Fang' },
    });
  });
});
