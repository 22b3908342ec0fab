import { randomBytes } from 'node:crypto';
import { REQUIRED_DEPARTMENTS } from '@govgraph/rules';
import { chinaDateTime, IDEMPOTENCY_KEY_REUSED, quoteInput } from '@govgraph/schema';
import type { Kysely } from 'kysely';
import type { Submission } from '../validateInput.js';
import type { ApplicationRow, ApprovalsDB } from './schema.js';

export interface SubmitResult {
  application: ApplicationRow;
  /** False when the key had already created this application (a retry). */
  created: boolean;
}

/**
 * Files an application with one PENDING review per required department, in one transaction.
 * A key belongs to its submitter: only their own applications are found by it, and another
 * submitter's same key files a new one. The unique (submitter, key) decides races: of two
 * submissions with one key, one inserts; the other's insert does nothing (PostgreSQL waits for
 * the first to commit), and it returns the winner's application.
 */
export async function submitApplication(
  db: Kysely<ApprovalsDB>,
  submission: Submission,
  now: Date,
): Promise<SubmitResult> {
  const earlier = await findByKey(db, submission);
  if (earlier) return { application: sameSubmission(earlier, submission), created: false };
  const submittedAt = chinaDateTime(now);
  const id = `SP${submittedAt.slice(0, 10).replaceAll('-', '')}-N${randomBytes(6).toString('hex').toUpperCase()}`;
  const created = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('application')
      .values({
        id,
        applicant_national_id: submission.applicantNationalId,
        applicant_credit_code: submission.applicantCreditCode,
        kind: submission.kind,
        site_building_id: submission.siteBuildingId,
        status: 'PENDING',
        submitted_at: submittedAt,
        decided_at: null,
        submitted_by: submission.submittedBy,
        idempotency_key: submission.idempotencyKey,
      })
      .onConflict((oc) => oc.columns(['submitted_by', 'idempotency_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    // All reviews open at once: parallel approval, not one office after another.
    await trx
      .insertInto('review')
      .values(
        REQUIRED_DEPARTMENTS[submission.kind].map((department, position) => ({
          application_id: id,
          department,
          position,
          status: 'PENDING' as const,
          decided_at: null,
          comment: null,
          reviewer_id: null,
          reviewer_agency: null,
        })),
      )
      .execute();
    return row;
  });
  if (created) return { application: created, created: true };
  // Lost a race with the same key: the winner has committed, so its row is visible now.
  const winner = await findByKey(db, submission);
  if (!winner) throw new Error(`idempotency key conflict without a row for the key`);
  return { application: sameSubmission(winner, submission), created: false };
}

function findByKey(
  db: Kysely<ApprovalsDB>,
  { submittedBy, idempotencyKey }: Submission,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('application')
    .selectAll()
    .where('submitted_by', '=', submittedBy)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** The application a key created, when the input is the same; IDEMPOTENCY_KEY_REUSED otherwise. */
function sameSubmission(row: ApplicationRow, submission: Submission): ApplicationRow {
  const differs = [
    ['applicantNationalId', row.applicant_national_id, submission.applicantNationalId],
    ['applicantCreditCode', row.applicant_credit_code, submission.applicantCreditCode],
    ['kind', row.kind, submission.kind],
    ['siteBuildingId', row.site_building_id, submission.siteBuildingId],
  ].filter(([, stored, sent]) => stored !== sent);
  if (differs.length === 0) return row;
  throw IDEMPOTENCY_KEY_REUSED.err(
    `The idempotency key ${quoteInput(submission.idempotencyKey)} was already used for an application with a different ${differs.map(([name]) => name).join(', ')}. Send a new key for a new application, or the original input to get the application it created.`,
    { extensions: { argument: 'input.idempotencyKey' } },
  );
}
