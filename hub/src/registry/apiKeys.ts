import { createHash, randomBytes } from 'node:crypto';
import type { HubStore } from '../store/openHubStore.js';
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
}

/**
 * Issues a new API key for an agency. The plaintext `key` is returned here once and never
 * stored; only its hash is.
 */
export async function issueApiKey(
  store: HubStore,
  agencyId: string,
): Promise<{ id: string; key: string }> {
  await requireAgency(store, agencyId);
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `key_${randomBytes(6).toString('hex')}`;
  await store.db
    .insertInto('api_keys')
    .values({
      id,
      agency_id: agencyId,
      prefix: key.slice(0, API_KEY_PREFIX.length + 8),
      hash: hashApiKey(key),
      created_at: new Date().toISOString(),
      revoked_at: null,
    })
    .execute();
  return { id, key };
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
  return rows.map((row) => ({
    id: row.id,
    agencyId: row.agency_id,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  }));
}
