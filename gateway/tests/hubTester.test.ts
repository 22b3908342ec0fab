import { existsSync } from 'node:fs';
import { connectTestRedis } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import * as people from './support/departments/people.js';
import {
  CITY_TAX,
  createHubTester,
  firstErrorCode,
  MemoryRegistry,
  TAX_ASSESSMENT,
  WANG,
} from './support/index.js';

const refused = (url: string) =>
  fetch(url).then(
    () => 'answered',
    () => 'refused',
  );

describe('the hub tester', () => {
  it('serves the departments through a gateway, and `await using` closes all of it', async () => {
    let urls: { gateway: string; department: string; supergraph: string };
    {
      await using hub = await createHubTester({ departments: [people] });
      urls = {
        gateway: `${hub.url}/health`,
        department: hub.department(people.name).url,
        supergraph: hub.supergraph.path,
      };
      const { body } = await hub.post({
        query: 'query($id: NationalId!) { person(nationalId: $id) { name } }',
        variables: { id: WANG },
      });
      expect(body).toEqual({ data: { person: { name: 'Wang Fang' } } });
      expect(existsSync(urls.supergraph)).toBe(true);
    }
    expect(await refused(urls.gateway)).toBe('refused');
    expect(await refused(urls.department)).toBe('refused');
    expect(existsSync(urls.supergraph)).toBe(false);
  });

  it('deletes the keys under its Redis prefixes when it closes, and closes once', async () => {
    const redis = await connectTestRedis();
    try {
      const hub = await createHubTester({ departments: [people] });
      const prefix = hub.redisPrefix('hub-tester');
      await redis.set(`${prefix}:one`, '1');
      await hub.close();
      await hub.close();
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('runs deferred cleanups before its own, newest first', async () => {
    const order: string[] = [];
    const hub = await createHubTester({ departments: [people] });
    hub.defer(() => order.push('first deferred'));
    hub.defer(async () => {
      order.push(`second deferred, gateway ${await refused(`${hub.url}/health`)}`);
    });
    await hub.close();
    expect(order).toEqual(['second deferred, gateway answered', 'first deferred']);
  });

  it('asks as an agency for a purpose when given a registry', async () => {
    const registry = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name']);
    await using hub = await createHubTester({ departments: [people], registry });
    const query = `{ person(nationalId: "${WANG}") { name } }`;
    const anonymous = await hub.post(query);
    expect(anonymous.status).toBe(403);
    expect(firstErrorCode(anonymous.body)).toBe('FORBIDDEN');
    const granted = await hub.post(query, {
      as: CITY_TAX,
      purpose: TAX_ASSESSMENT,
    });
    expect(granted.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
  });

  // The README's example, kept true here.
  it('refuses an agency a field it holds no grant for', async () => {
    const registry = new MemoryRegistry().addAgency(CITY_TAX).addPurpose(TAX_ASSESSMENT);
    await using hub = await createHubTester({ departments: [people], registry });
    const { status, body } = await hub.post(`{ person(nationalId: "${WANG}") { name } }`, {
      as: CITY_TAX,
      purpose: TAX_ASSESSMENT,
    });
    expect(status).toBe(403);
    expect(firstErrorCode(body)).toBe('FORBIDDEN');
  });
});
