import { createPageLoader, createRowLoader } from '@govgraph/department/db';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ComplaintRow, ComplaintsDB } from './db/schema.js';

export interface ComplaintsLoaders {
  complaint: DataLoader<string, ComplaintRow | null>;
  /** A person's complaints, keyed by national ID. */
  complaintsFiled: ReturnType<typeof createPageLoader<ComplaintsDB, ComplaintRow>>;
  /** An entity's complaints, keyed by credit code, optionally filtered by status. */
  complaintsAgainst: ReturnType<typeof createPageLoader<ComplaintsDB, ComplaintRow>>;
}

/** Loaders for one request: every list of N people or entities costs one statement per kind, not N. */
export function createLoaders(db: Kysely<ComplaintsDB>): ComplaintsLoaders {
  return {
    complaint: createRowLoader<ComplaintsDB, ComplaintRow>(db, {
      table: 'complaint',
      keyColumn: 'id',
    }),
    complaintsFiled: createPageLoader<ComplaintsDB, ComplaintRow>(db, {
      table: 'complaint',
      parentColumn: 'complainant_id',
      orderBy: ['filed_at desc', 'id'],
    }),
    complaintsAgainst: createPageLoader<ComplaintsDB, ComplaintRow>(db, {
      table: 'complaint',
      parentColumn: 'against_code',
      orderBy: ['filed_at desc', 'id'],
    }),
  };
}
