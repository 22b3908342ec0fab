import { GENESIS_HASH, type HubStore } from '../src/index.js';

/** Empties the log: no records, no index rows, the head (and the index mark) back at genesis. */
export async function emptyChain(store: HubStore): Promise<void> {
  await store.db.deleteFrom('audit_subjects').execute();
  await store.db.deleteFrom('audit_records').execute();
  await store.db
    .updateTable('audit_head')
    .set({ seq: 0, hash: GENESIS_HASH, indexed_seq: 0 })
    .execute();
}
