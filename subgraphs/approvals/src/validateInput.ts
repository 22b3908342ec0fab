import { SITE_REQUIRED } from '@govgraph/rules';
import { INVALID_ARGUMENT } from '@govgraph/schema';
import type { RecordReviewInput, SubmitApplicationInput } from './__generated__/resolvers-types.js';
import type { ApplicationKind, ReviewDepartment } from './db/schema.js';

/** A submission that passed validation: exactly one applicant, a site where the kind needs one. */
export interface Submission {
  /** Whose idempotency key it is (`principalOf` the writer). */
  submittedBy: string;
  idempotencyKey: string;
  applicantNationalId: string | null;
  applicantCreditCode: string | null;
  kind: ApplicationKind;
  siteBuildingId: string | null;
}

/** A decision that passed validation. */
export interface Decision {
  applicationId: string;
  department: ReviewDepartment;
  decision: 'APPROVE' | 'REJECT';
  comment: string | null;
}

const KEY_LENGTH = { min: 8, max: 64 };
const MAX_COMMENT = 500;
// Characters, not UTF-16 units, as PostgreSQL's varchar counts them.
const length = (text: string) => [...text].length;

const invalid = (argument: string, message: string) =>
  INVALID_ARGUMENT.err(message, { extensions: { argument } });

export function validateSubmission(input: SubmitApplicationInput, submittedBy: string): Submission {
  const key = input.idempotencyKey;
  if (length(key) < KEY_LENGTH.min || length(key) > KEY_LENGTH.max) {
    throw invalid(
      'input.idempotencyKey',
      `submitApplication(input.idempotencyKey) must be ${KEY_LENGTH.min} to ${KEY_LENGTH.max} characters; got ${length(key)}. Use one key per application, e.g. a UUID, and send the same key when retrying.`,
    );
  }
  const nationalId = input.applicantNationalId ?? null;
  const creditCode = input.applicantCreditCode ?? null;
  if ((nationalId === null) === (creditCode === null)) {
    throw invalid(
      'input.applicantNationalId',
      `submitApplication needs exactly one applicant: applicantNationalId for a person or applicantCreditCode for a legal entity; got ${nationalId === null ? 'neither' : 'both'}.`,
    );
  }
  const site = input.siteBuildingId ?? null;
  if (site === null && SITE_REQUIRED.has(input.kind)) {
    throw invalid(
      'input.siteBuildingId',
      `submitApplication(kind: ${input.kind}) needs siteBuildingId: name the building the application is about (its real-estate registry ID, e.g. 110105B00000042).`,
    );
  }
  return {
    submittedBy,
    idempotencyKey: key,
    applicantNationalId: nationalId,
    applicantCreditCode: creditCode,
    kind: input.kind,
    siteBuildingId: site,
  };
}

export function validateDecision(input: RecordReviewInput): Decision {
  const comment = input.comment?.trim() || null;
  if (comment === null && input.decision === 'REJECT') {
    throw invalid(
      'input.comment',
      'recordReview(decision: REJECT) needs a comment: say why the application is rejected, so the applicant knows what to fix.',
    );
  }
  if (comment !== null && length(comment) > MAX_COMMENT) {
    throw invalid(
      'input.comment',
      `recordReview(input.comment) takes at most ${MAX_COMMENT} characters; got ${length(comment)}. Shorten it and refer to a document for the detail.`,
    );
  }
  return {
    applicationId: input.applicationId,
    department: input.department,
    decision: input.decision,
    comment,
  };
}
