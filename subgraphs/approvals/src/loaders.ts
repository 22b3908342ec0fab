import { createListLoader, createPageLoader, createRowLoader } from '@govgraph/department/db';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ApplicationRow, ApprovalsDB, ReviewRow } from './db/schema.js';

export interface ApprovalsLoaders {
  application: DataLoader<string, ApplicationRow | null>;
  /** An application's reviews in the order of its kind's required departments (a few each). */
  reviews: DataLoader<string, ReviewRow[]>;
  /** A person's applications, keyed by national ID, newest first. */
  personApplications: ReturnType<typeof createPageLoader<ApprovalsDB, ApplicationRow>>;
  /** A legal entity's applications, keyed by credit code, newest first. */
  entityApplications: ReturnType<typeof createPageLoader<ApprovalsDB, ApplicationRow>>;
}

// Newest first; the ID breaks ties between applications submitted in the same second.
const NEWEST_FIRST = ['submitted_at desc', 'id desc'] as const;

/** Loaders for one request: every list of N applications or applicants costs one statement per kind, not N. */
export function createLoaders(db: Kysely<ApprovalsDB>): ApprovalsLoaders {
  return {
    application: createRowLoader<ApprovalsDB, ApplicationRow>(db, {
      table: 'application',
      keyColumn: 'id',
    }),
    reviews: createListLoader<ApprovalsDB, ReviewRow>(db, {
      table: 'review',
      parentColumn: 'application_id',
      orderBy: ['position'],
    }),
    personApplications: createPageLoader<ApprovalsDB, ApplicationRow>(db, {
      table: 'application',
      parentColumn: 'applicant_national_id',
      orderBy: NEWEST_FIRST,
    }),
    entityApplications: createPageLoader<ApprovalsDB, ApplicationRow>(db, {
      table: 'application',
      parentColumn: 'applicant_credit_code',
      orderBy: NEWEST_FIRST,
    }),
  };
}
