import { runAgencyCli } from '@govgraph/governance';
import { firstErrorCode } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { callerHeaders } from './support/testHub.js';

const DESK_APP = 'http://desk-app.example.gov:8080';
const READ_NAME = ['Query.person', 'Person.name'];

/**
 * Browser origins end to end (docs/access.md#browser-apps-cors): registered with the `agency`
 * command in the hub store, picked up by the running gateway, and undone the same way.
 */
describe('browser origins of the whole hub', () => {
  let access: AccessHub;
  let nationalId: string;

  beforeAll(async () => {
    access = await startAccessHub([
      { id: 'cors-desk', purpose: 'CORS_DESK', coordinates: READ_NAME },
      { id: 'cors-other', purpose: 'CORS_OTHER', coordinates: READ_NAME },
    ]);
    nationalId = access.world.person(5).nationalId;
  });
  afterAll(async () => {
    await access?.stop();
  });

  const agency = async (...argv: string[]) => {
    let out = '';
    const sink = { write: (text: string) => (out += text) };
    const code = await runAgencyCli(argv, { GOVGRAPH_DATA_DIR: access.dataDir }, sink);
    await access.hub.services.registry.refresh();
    return { code, out };
  };
  const preflight = (origin: string) =>
    fetch(access.hub.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key,x-purpose',
      },
    });
  const readName = async (id: 'cors-desk' | 'cors-other', origin: string) => {
    const res = await fetch(access.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...callerHeaders(access.agency(id)) },
      body: JSON.stringify({ query: `{ person(nationalId: "${nationalId}") { name } }` }),
    });
    const body = (await res.json()) as {
      data?: { person?: { name?: string } };
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: res.status,
      name: body.data?.person?.name,
      code: firstErrorCode(body),
    };
  };

  it('accepts an agency’s key from the origin it registered, and no other agency’s', async () => {
    expect((await preflight(DESK_APP)).status).toBe(403);
    expect(await readName('cors-desk', DESK_APP)).toMatchObject({
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
    });

    expect((await agency('origin', 'add', 'cors-desk', DESK_APP)).code).toBe(0);
    const allowed = await preflight(DESK_APP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(DESK_APP);
    const name = access.world.person(5).name;
    expect(await readName('cors-desk', DESK_APP)).toEqual({ status: 200, name, code: undefined });
    expect(await readName('cors-other', DESK_APP)).toMatchObject({
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
    });
  });

  it('refuses it again once the origin is removed', async () => {
    expect((await agency('origin', 'remove', 'cors-desk', DESK_APP)).code).toBe(0);
    expect((await preflight(DESK_APP)).status).toBe(403);
    expect(await readName('cors-desk', DESK_APP)).toMatchObject({
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
    });
  });
});
