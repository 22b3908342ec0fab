import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import type { GatewayCacheOptions } from '@govgraph/gateway';
import {
  type AuditRecord,
  addAgency,
  addPurpose,
  grantCoordinates,
  issueApiKey,
  latestAuditRecords,
  revokeCoordinates,
} from '@govgraph/governance';
import { generateCallerTokenKeys, type JWK } from '@govgraph/server';
import { departments, type Hub, hubConfig, startHub } from '@govgraph/tools';
import { type CallerHeaders, callerHeaders, type GraphQLResponse } from './testHub.js';

const CITIZEN_ISSUER = 'https://id.access-tests.example';
const PEOPLE = 400;
const SEED = 23;

/** An agency the access tests register: its id, purpose, and what it may read under it. */
export interface TestAgencySpec {
  id: string;
  purpose: string;
  coordinates: readonly string[];
}

export interface AccessHub {
  hub: Hub;
  world: World;
  /** Where every department's SQLite file and the hub store live (`<department>.sqlite`). */
  dataDir: string;
  /** The caller-token key a department trusts but the gateway no longer signs with (rotation). */
  previousCallerTokenKey: JWK;
  /** Headers that make a request come from the agency, under its purpose. */
  agency(id: string, extra?: Omit<CallerHeaders, 'apiKey'>): CallerHeaders;
  /** Headers of a citizen signed in with their identity provider's token. */
  citizen(nationalId: string): CallerHeaders;
  /** Posts to the gateway; returns the HTTP status beside the body. */
  ask<T = Record<string, unknown>>(
    caller: CallerHeaders,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLResponse<T> }>;
  /** Grants more coordinates, or revokes them, and waits for the gateway's registry to see it. */
  grant(agency: string, purpose: string, coordinates: readonly string[]): Promise<void>;
  revoke(agency: string, purpose: string, coordinates: readonly string[]): Promise<void>;
  /** The newest audit record (the gateway appends before it answers). */
  latestAudit(): Promise<AuditRecord | undefined>;
  stop(): Promise<void>;
}

/**
 * The whole hub with the access policy on, over fresh SQLite files: the agencies given are
 * registered in the hub store as the operator's commands would, citizens sign in through a
 * test identity provider, and the departments trust two caller-token keys (the gateway signs
 * with the newer: a key rotation in progress). Caches are off unless `options.cache` says.
 */
export async function startAccessHub(
  agencies: readonly TestAgencySpec[],
  options: { cache?: GatewayCacheOptions } = {},
): Promise<AccessHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-access-'));
  const citizens = testCitizenIssuer();
  const env = accessHubEnv(dataDir, PEOPLE, SEED, citizens);
  let hub: Hub | undefined;
  const stop = async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = hubConfig(departments, env);
    const previous = await generateCallerTokenKeys('hub-previous');
    const current = await generateCallerTokenKeys('hub-current');
    hub = await startHub({
      departments,
      config,
      createWorld,
      cache: options.cache ?? { enabled: false },
      callerTokenKeys: {
        privateJwk: current.privateJwk,
        publicJwks: [previous.publicJwk, current.publicJwk],
      },
    });
    // The operator's side: the `agency` command's functions, on the hub's own store.
    const { store, registry } = hub.services;
    const keys: Record<string, string> = {};
    const purposes = new Map<string, string>();
    for (const spec of agencies) {
      await addPurpose(store, {
        code: spec.purpose,
        description: `Access tests: ${spec.id}.`,
        legalBasis: 'None: synthetic data only.',
      });
      await addAgency(store, { id: spec.id, name: `Access tests ${spec.id}` });
      await grantCoordinates(store, spec.id, spec.purpose, [...spec.coordinates]);
      keys[spec.id] = (await issueApiKey(store, spec.id)).key;
      purposes.set(spec.id, spec.purpose);
    }
    await registry.refresh();
    const running = hub;
    return {
      hub: running,
      world: createWorld({ seed: SEED, people: PEOPLE }),
      dataDir,
      previousCallerTokenKey: previous.privateJwk,
      agency: (id, extra = {}) => ({ apiKey: keys[id] ?? '', purpose: purposes.get(id), ...extra }),
      citizen: (nationalId) => ({ bearerToken: citizens.token(nationalId) }),
      async ask<T>(caller: CallerHeaders, query: string, variables?: Record<string, unknown>) {
        const res = await fetch(running.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...callerHeaders(caller) },
          body: JSON.stringify({ query, variables }),
        });
        return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
      },
      async grant(agency, purpose, coordinates) {
        await grantCoordinates(store, agency, purpose, [...coordinates]);
        await registry.refresh();
      },
      async revoke(agency, purpose, coordinates) {
        await revokeCoordinates(store, agency, purpose, [...coordinates]);
        await registry.refresh();
      },
      latestAudit: async () => (await latestAuditRecords(store, 1))[0],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A citizen identity provider for tests: the hub's environment lines for it, and its tokens. */
export interface TestCitizenIssuer {
  /** HUB_CITIZEN_ISSUER and HUB_CITIZEN_PUBLIC_KEY. */
  env: Record<string, string>;
  /** An EdDSA JWT from the provider: `sub` is the citizen's national ID. */
  token(nationalId: string): string;
}

/** A fresh Ed25519 citizen identity provider. */
export function testCitizenIssuer(): TestCitizenIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    env: {
      HUB_CITIZEN_ISSUER: CITIZEN_ISSUER,
      HUB_CITIZEN_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    token(nationalId) {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const head = `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode({
        iss: CITIZEN_ISSUER,
        sub: nationalId,
        aud: 'govgraph',
        iat: now,
        exp: now + 600,
      })}`;
      return `${head}.${sign(null, Buffer.from(head), privateKey).toString('base64url')}`;
    },
  };
}

/**
 * The environment of a whole hub on fresh SQLite files in `dataDir`: every port free, logs
 * silent, the synthetic world of `people` and `seed`, citizens signing in through `citizens`.
 */
export function accessHubEnv(
  dataDir: string,
  people: number,
  seed: number,
  citizens: TestCitizenIssuer,
): Record<string, string> {
  const env: Record<string, string> = {
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_PEOPLE: String(people),
    GOVGRAPH_SEED: String(seed),
    ...citizens.env,
  };
  for (const department of departments) env[`${department.envPrefix}_PORT`] = '0';
  return env;
}
