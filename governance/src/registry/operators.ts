import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { HubStore } from '../store/openHubStore.js';
import { requireAgency } from './agencies.js';
import { HubAdminError } from './HubAdminError.js';

/** Operator ids as they appear in `X-Operator-Id` and audit records (`clerk-01`). */
const OPERATOR_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** scrypt cost (N = 2^15, r = 8, p = 1): about 32 MiB and tens of milliseconds per check. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

/** An operator as listed: never the password or its hash. */
export interface OperatorInfo {
  agencyId: string;
  id: string;
  name: string;
  disabled: boolean;
  createdAt: Date;
}

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The stored form of a password: scrypt with a fresh 16-byte salt and its parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when the password matches the stored hash; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , , , salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash no password matches, computed once: checking it for an unknown operator costs what a
 * real check costs, so the time of a refusal does not tell which operators exist.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoyHash;
}

function requireOperatorId(id: string): void {
  if (!OPERATOR_ID.test(id)) {
    throw new HubAdminError(
      `${JSON.stringify(id)} is not an operator id: at most 64 letters, digits and . _ : - (clerk-01).`,
    );
  }
}

/**
 * Registers a named operator under an agency with a generated one-time password, returned here
 * once and never stored (only its scrypt hash is).
 */
export async function addOperator(
  store: HubStore,
  input: { agencyId: string; id: string; name: string },
): Promise<{ password: string }> {
  await requireAgency(store, input.agencyId);
  requireOperatorId(input.id);
  if (input.name.trim() === '') throw new HubAdminError('An operator needs a --name.');
  const existing = await findOperator(store, input.agencyId, input.id);
  if (existing) {
    throw new HubAdminError(
      `${input.agencyId} already has an operator ${input.id}; use \`operator password\` for a new password.`,
    );
  }
  const password = randomBytes(15).toString('base64url');
  await store.db
    .insertInto('operators')
    .values({
      agency_id: input.agencyId,
      id: input.id,
      name: input.name.trim(),
      password_hash: await hashPassword(password),
      disabled: 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { password };
}

/** Gives an operator a new generated password (shown once) and ends their sessions. */
export async function resetOperatorPassword(
  store: HubStore,
  agencyId: string,
  operatorId: string,
): Promise<{ password: string }> {
  await requireOperator(store, agencyId, operatorId);
  const password = randomBytes(15).toString('base64url');
  const hash = await hashPassword(password);
  await store.db
    .updateTable('operators')
    .set({ password_hash: hash })
    .where('agency_id', '=', agencyId)
    .where('id', '=', operatorId)
    .execute();
  await endOperatorSessions(store, agencyId, operatorId);
  return { password };
}

/** Disables (or enables) an operator; disabling ends their sessions at once. */
export async function setOperatorDisabled(
  store: HubStore,
  agencyId: string,
  operatorId: string,
  disabled: boolean,
): Promise<void> {
  await requireOperator(store, agencyId, operatorId);
  await store.db
    .updateTable('operators')
    .set({ disabled: disabled ? 1 : 0 })
    .where('agency_id', '=', agencyId)
    .where('id', '=', operatorId)
    .execute();
  if (disabled) await endOperatorSessions(store, agencyId, operatorId);
}

/** An agency's operators, by id. */
export async function listOperators(store: HubStore, agencyId: string): Promise<OperatorInfo[]> {
  await requireAgency(store, agencyId);
  const rows = await store.db
    .selectFrom('operators')
    .select(['agency_id', 'id', 'name', 'disabled', 'created_at'])
    .where('agency_id', '=', agencyId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    agencyId: row.agency_id,
    id: row.id,
    name: row.name,
    disabled: row.disabled === 1,
    createdAt: new Date(row.created_at),
  }));
}

export function findOperator(store: HubStore, agencyId: string, operatorId: string) {
  return store.db
    .selectFrom('operators')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', operatorId)
    .executeTakeFirst();
}

async function requireOperator(store: HubStore, agencyId: string, operatorId: string) {
  await requireAgency(store, agencyId);
  const row = await findOperator(store, agencyId, operatorId);
  if (!row) {
    throw new HubAdminError(
      `${agencyId} has no operator ${JSON.stringify(operatorId)}; \`agency operator list ${agencyId}\` shows them.`,
    );
  }
  return row;
}

async function endOperatorSessions(store: HubStore, agencyId: string, operatorId: string) {
  await store.db
    .deleteFrom('operator_sessions')
    .where('agency_id', '=', agencyId)
    .where('operator_id', '=', operatorId)
    .execute();
}
