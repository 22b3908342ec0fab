import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { ApiKeyTable } from '../store/schema.js';
import { requireAgency } from './agencies.js';
import { HubAdminError } from './HubAdminError.js';

/** Every govgraph API key starts with this, so a leaked key is recognisable (secret scanners). */
export const API_KEY_PREFIX = 'gg_';

/**
 * The stored form of an API key. A fast, unsalted sha256 is right here: keys are 32 random
 * bytes, so there is nothing to guess or precompute, and the gateway hashes on every request.
 * (Slow, salted hashes are for low-entropy passwords.)
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** An API key as listed: never the key itself. */
export interface ApiKeyInfo {
  id: string;
  agencyId: string;
  /** The key's first characters, e.g. `gg_Ab3dEf7h`, to tell keys apart. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** From when the key is refused; null: it never expires. */
  expiresAt: Date | null;
}

/** What `issueApiKey` may be told. */
export interface IssueApiKeyOptions {
  /** When the key stops working; unset: never. Must lie in the future. */
  expiresAt?: Date;
  /** The time of issue (tests). @default now */
  now?: Date;
}

const DURATION = /^(\d{1,5})([dhm])$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * A duration as typed on the command line: `90d`, `12h`, `30m`. Returns milliseconds, or
 * undefined when the text is not one (the caller says what is expected).
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const amount = Number(match[1]);
  const unit = UNIT_MS[match[2]];
  if (amount < 1 || unit === undefined) return undefined;
  return amount * unit;
}

/**
 * Issues a new API key for an agency. The plaintext `key` is returned here once and never
 * stored; only its hash is.
 */
export async function issueApiKey(
  store: HubStore,
  agencyId: string,
  options: IssueApiKeyOptions = {},
): Promise<{ id: string; key: string; expiresAt: Date | null }> {
  await requireAgency(store, agencyId);
  const now = options.now ?? new Date();
  const expiresAt = options.expiresAt ?? null;
  if (expiresAt !== null && !(expiresAt.getTime() > now.getTime())) {
    throw new HubAdminError(
      `A key's expiry must lie in the future, not ${expiresAt.toISOString()}; give --expires a duration such as 90d.`,
    );
  }
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `key_${randomBytes(6).toString('hex')}`;
  await store.db
    .insertInto('api_keys')
    .values({
      id,
      agency_id: agencyId,
      prefix: key.slice(0, API_KEY_PREFIX.length + 8),
      hash: hashApiKey(key),
      created_at: now.toISOString(),
      revoked_at: null,
      expires_at: expiresAt?.toISOString() ?? null,
    })
    .execute();
  return { id, key, expiresAt };
}

/** Revokes a key by its id; revoking twice is harmless. Throws when there is no such key. */
export async function revokeApiKey(store: HubStore, keyId: string): Promise<void> {
  const existing = await store.db
    .selectFrom('api_keys')
    .select('revoked_at')
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!existing) {
    throw new HubAdminError(
      `There is no API key ${JSON.stringify(keyId)}; \`agency key list <agency>\` shows key ids.`,
    );
  }
  if (existing.revoked_at !== null) return;
  await store.db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', keyId)
    .execute();
}

/** An agency's keys, oldest first, revoked ones included. */
export async function listApiKeys(store: HubStore, agencyId: string): Promise<ApiKeyInfo[]> {
  await requireAgency(store, agencyId);
  const rows = await store.db
    .selectFrom('api_keys')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toKeyInfo);
}

function toKeyInfo(row: Selectable<ApiKeyTable>): ApiKeyInfo {
  return {
    id: row.id,
    agencyId: row.agency_id,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  };
}

/**
 * Keys of every agency that are not revoked and expire before `now + withinMs`, soonest first;
 * those already expired (and not revoked) are included, so an operator sees every key that
 * stopped working or is about to.
 */
export async function expiringApiKeys(
  store: HubStore,
  withinMs: number,
  now: Date = new Date(),
): Promise<ApiKeyInfo[]> {
  const until = new Date(now.getTime() + withinMs).toISOString();
  const rows = await store.db
    .selectFrom('api_keys')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', until)
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  return rows.map(toKeyInfo);
}
