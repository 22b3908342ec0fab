import type { Operator } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import {
  APPLICATION_CLOSED,
  APPLICATION_NOT_FOUND,
  chinaDateTime,
  quoteInput,
  REVIEW_ALREADY_RECORDED,
  REVIEW_NOT_REQUIRED,
} from '@govgraph/schema';
import type { Decision } from '../validateInput.js';
import type { ApplicationRow, ApprovalsDB, DecisionStatus } from './schema.js';

/**
 * Records one department's decision and, when it settles the outcome, the application's:
 * APPROVED once every review approved, REJECTED at the first rejection (reviews still PENDING
 * then stay PENDING, closed). Both updates are one transaction, so a failure between them
 * leaves neither. The application row is locked first, so two departments deciding at once
 * cannot both miss that theirs was the last approval. The reviewer recorded is the operator
 * who decided, with the agency they acted under.
 */
export async function recordReview(
  database: Database<ApprovalsDB>,
  decision: Decision,
  reviewer: Operator,
  now: Date,
): Promise<ApplicationRow> {
  const { applicationId: id, department } = decision;
  return database.db.transaction().execute(async (trx) => {
    const application = await trx
      .selectFrom('application')
      .selectAll()
      .where('id', '=', id)
      // SQLite has no row locks (nor the syntax): its one writer at a time serialises anyway.
      .$if(database.engine === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!application) {
      throw APPLICATION_NOT_FOUND.err(
        `No application has the platform number ${quoteInput(id)}. Check the number returned by submitApplication.`,
        { extensions: { argument: 'input.applicationId' } },
      );
    }
    const reviews = await trx
      .selectFrom('review')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('position')
      .execute();
    const review = reviews.find((r) => r.department === department);
    if (!review) {
      throw REVIEW_NOT_REQUIRED.err(
        `Application ${id} (${application.kind}) is not reviewed by ${department}; its reviewing departments are ${reviews.map((r) => r.department).join(', ')}.`,
        { extensions: { argument: 'input.department' } },
      );
    }
    if (review.status !== 'PENDING') {
      throw REVIEW_ALREADY_RECORDED.err(
        `${department} already ${review.status === 'APPROVED' ? 'approved' : 'rejected'} application ${id} at ${review.decided_at}; a recorded decision cannot be changed.`,
      );
    }
    if (application.status !== 'PENDING') {
      throw APPLICATION_CLOSED.err(
        `Application ${id} was ${application.status.toLowerCase()} at ${application.decided_at}, so ${department}'s review is closed; the applicant may submit a new application.`,
      );
    }
    const decidedAt = chinaDateTime(now);
    await trx
      .updateTable('review')
      .set({
        status: decision.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
        decided_at: decidedAt,
        comment: decision.comment,
        reviewer_id: reviewer.operatorId,
        reviewer_agency: reviewer.agency,
      })
      .where('application_id', '=', id)
      .where('department', '=', department)
      .execute();
    const outcome: DecisionStatus =
      decision.decision === 'REJECT'
        ? 'REJECTED'
        : reviews.every((r) => r === review || r.status === 'APPROVED')
          ? 'APPROVED'
          : 'PENDING';
    if (outcome === 'PENDING') return application;
    return trx
      .updateTable('application')
      .set({ status: outcome, decided_at: decidedAt })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
