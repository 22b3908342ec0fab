import {
  type ApprovalApplication,
  companyApplications,
  personApplications,
  type World,
} from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import {
  type ApplicationTable,
  type ApprovalsDB,
  LEGACY_SUBMITTER,
  type ReviewTable,
} from './schema.js';

// Applicants scanned per round trip: about one company in five and one adult in a hundred
// applies, so a chunk yields a few thousand applications. Progress counts applicants scanned.
const COMPANY_CHUNK = 20_000;
const PERSON_CHUNK = 100_000;

/** Replaces the platform's contents with the synthetic world's applications and reviews. */
export async function seedApprovals(
  database: Database<ApprovalsDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  await db.deleteFrom('review').execute();
  await db.deleteFrom('application').execute();
  for (let from = 0; from < world.companyCount; from += COMPANY_CHUNK) {
    const to = Math.min(world.companyCount, from + COMPANY_CHUNK);
    const apps: ApprovalApplication[] = [];
    for (let j = from; j < to; j++) apps.push(...companyApplications(world, j));
    await insert(database, apps);
    progress?.('company', to, world.companyCount);
  }
  for (let from = 0; from < world.peopleCount; from += PERSON_CHUNK) {
    const to = Math.min(world.peopleCount, from + PERSON_CHUNK);
    const apps: ApprovalApplication[] = [];
    // By index, not world.persons(): personApplications makes a person only for the few who apply.
    for (let i = from; i < to; i++) apps.push(...personApplications(world, i));
    await insert(database, apps);
    progress?.('person', to, world.peopleCount);
  }
}

async function insert(database: Database<ApprovalsDB>, apps: ApprovalApplication[]) {
  const applications: Insertable<ApplicationTable>[] = [];
  const reviews: Insertable<ReviewTable>[] = [];
  for (const a of apps) {
    applications.push({
      id: a.id,
      applicant_national_id: a.applicant.type === 'PERSON' ? a.applicant.nationalId : null,
      applicant_credit_code: a.applicant.type === 'LEGAL_ENTITY' ? a.applicant.creditCode : null,
      kind: a.kind,
      site_building_id: a.siteBuildingId,
      status: a.status,
      submitted_at: a.submittedAt,
      decided_at: a.decidedAt,
      submitted_by: LEGACY_SUBMITTER,
      idempotency_key: null,
    });
    a.reviews.forEach((r, position) => {
      reviews.push({
        application_id: a.id,
        department: r.department,
        position,
        status: r.status,
        decided_at: r.decidedAt,
        comment: r.comment,
        reviewer_id: r.reviewerId,
        reviewer_agency: null,
      });
    });
  }
  await insertInBatches(database.db, 'application', applications);
  await insertInBatches(database.db, 'review', reviews);
}

export function isApprovalsSeeded(database: Database<ApprovalsDB>): Promise<boolean> {
  return hasRows(database.db, 'application');
}
