import {
  deciderOf,
  departmentOperator,
  principalOf,
  requireSelf,
  writerOf,
} from '@govgraph/department';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { applicantOf } from '../applicantOf.js';
import { recordReview } from '../db/recordReview.js';
import type { ApplicationRow } from '../db/schema.js';
import { submitApplication } from '../db/submitApplication.js';
import type { EntityChange } from '../events.js';
import { validateDecision, validateSubmission } from '../validateInput.js';

// Reported after commit: the application, and its applicant, whose applications list changed.
function changesOf(row: ApplicationRow): EntityChange[] {
  const applicant = applicantOf(row);
  return [
    { typename: 'Application', key: row.id },
    'nationalId' in applicant
      ? { typename: 'Person', key: applicant.nationalId }
      : { typename: 'LegalEntity', key: applicant.creditCode },
  ];
}

export const Mutation: MutationResolvers = {
  submitApplication: async (_root, { input }, { database, events, logger, hub }) => {
    const writer = writerOf(hub, 'submitApplication');
    const submission = validateSubmission(input, principalOf(writer));
    // A citizen applies as the person they are; a company applies through an agency.
    requireSelf(
      writer,
      submission.applicantNationalId,
      'submitApplication',
      'input.applicantNationalId',
    );
    const { application, created } = await submitApplication(database.db, submission, new Date());
    // A retry with the same key changed nothing, so there is nothing to invalidate.
    if (created) await events.emit(changesOf(application), logger);
    return application;
  },
  recordReview: async (_root, { input }, { database, events, logger, hub }) => {
    // Who decides is checked before anything is read: a refusal reveals nothing of the application.
    const reviewer = departmentOperator(
      deciderOf(hub, 'recordReview'),
      input.department,
      'recordReview',
    );
    const application = await recordReview(database, validateDecision(input), reviewer, new Date());
    await events.emit(changesOf(application), logger);
    return application;
  },
};
