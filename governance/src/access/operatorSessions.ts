import { createHash, randomBytes } from 'node:crypto';
import { UNAUTHENTICATED } from '@govgraph/schema/errors';
import { decoyPasswordHash, findOperator, verifyPassword } from '../registry/operators.js';
import type { HubStore } from '../store/openHubStore.js';
import type { OperatorSessions } from '../types.js';

/** Every session token starts with this, so it is told from a JWT and recognised if leaked. */
export const SESSION_PREFIX = 'ggs_';
/** How long a session lasts from sign-in: a clerk's shift is renewed by signing in again. */
export const DEFAULT_SESSION_SECONDS = 30 * 60;

/** sha256 of the token, hex: tokens are 32 random bytes, so a fast hash is right (as for API keys). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const WRONG =
  'The agency, operator or password is wrong. Check them, or ask your agency administrator for a new password.';

/** The operator a live session stands for. */
export interface SessionHolder {
  agencyId: string;
  operatorId: string;
  expiresAt: Date;
}

/**
 * Sign-in and sign-out of service-desk operators (docs/access.md "Service-desk sessions").
 * Sessions are rows of the hub store, kept by the hash of their token, so every gateway
 * instance honours a sign-in and a sign-out at once.
 */
export function createOperatorSessions(
  store: HubStore,
  options: { ttlSeconds?: number; now?: () => Date } = {},
): OperatorSessions {
  const ttl = options.ttlSeconds ?? DEFAULT_SESSION_SECONDS;
  const now = options.now ?? (() => new Date());
  return {
    ttlSeconds: ttl,
    async signIn({ agencyId, operatorId, password }) {
      const row = await findOperator(store, agencyId, operatorId);
      // An unknown operator costs a scrypt check too: the time says nothing of who exists.
      const matches = await verifyPassword(
        password,
        row?.password_hash ?? (await decoyPasswordHash()),
      );
      if (!row || !matches) throw UNAUTHENTICATED.err(WRONG);
      if (row.disabled === 1) {
        throw UNAUTHENTICATED.err(
          `The operator ${operatorId} of ${agencyId} is disabled; ask your agency administrator.`,
        );
      }
      const agency = await store.db
        .selectFrom('agencies')
        .select('disabled')
        .where('id', '=', agencyId)
        .executeTakeFirst();
      if (!agency || agency.disabled === 1) {
        throw UNAUTHENTICATED.err(`The agency ${agencyId} is disabled; ask the platform operator.`);
      }
      const token = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
      const at = now();
      const expiresAt = new Date(at.getTime() + ttl * 1000);
      await store.db
        .deleteFrom('operator_sessions')
        .where('expires_at', '<', at.toISOString())
        .execute();
      await store.db
        .insertInto('operator_sessions')
        .values({
          token_hash: hashSessionToken(token),
          agency_id: agencyId,
          operator_id: operatorId,
          created_at: at.toISOString(),
          expires_at: expiresAt.toISOString(),
        })
        .execute();
      return { token, expiresAt, operatorName: row.name };
    },
    async signOut(token) {
      await store.db
        .deleteFrom('operator_sessions')
        .where('token_hash', '=', hashSessionToken(token))
        .execute();
    },
  };
}

/**
 * The operator a session token stands for, checked now: the session exists and has not
 * expired, and the operator is not disabled. Throws UNAUTHENTICATED saying which.
 */
export async function sessionHolder(
  store: HubStore,
  token: string,
  now: Date = new Date(),
): Promise<SessionHolder> {
  const row = await store.db
    .selectFrom('operator_sessions')
    .innerJoin('operators', (join) =>
      join
        .onRef('operators.agency_id', '=', 'operator_sessions.agency_id')
        .onRef('operators.id', '=', 'operator_sessions.operator_id'),
    )
    .select([
      'operator_sessions.agency_id as agencyId',
      'operator_sessions.operator_id as operatorId',
      'operator_sessions.expires_at as expiresAt',
      'operators.disabled as disabled',
    ])
    .where('operator_sessions.token_hash', '=', hashSessionToken(token))
    .executeTakeFirst();
  if (!row) {
    throw UNAUTHENTICATED.err(
      'The session is unknown or was signed out: sign in at the service desk again.',
    );
  }
  if (row.expiresAt <= now.toISOString()) {
    throw UNAUTHENTICATED.err(`The session expired at ${row.expiresAt}: sign in again.`);
  }
  if (row.disabled === 1) {
    throw UNAUTHENTICATED.err(
      `The operator ${row.operatorId} was disabled: the session no longer counts.`,
    );
  }
  return { agencyId: row.agencyId, operatorId: row.operatorId, expiresAt: new Date(row.expiresAt) };
}
