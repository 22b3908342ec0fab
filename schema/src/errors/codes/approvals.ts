import { makeCode } from '../ErrorCode.js';

export const IDEMPOTENCY_KEY_REUSED = makeCode(
  'IDEMPOTENCY_KEY_REUSED',
  'input',
  409,
  'An idempotency key was sent again by the same caller with a different input. Resending the same input with the same key returns the application the key first created; a new application needs a new key. The message names the fields that differ. Keys are each caller’s own (the agency, or the citizen): another caller’s same key never finds or collides with this one.',
);
export const APPLICATION_NOT_FOUND = makeCode(
  'APPLICATION_NOT_FOUND',
  'input',
  404,
  'No application on the parallel approval platform has the given platform number. Check the number (it is returned by `submitApplication` as `id`).',
);
export const REVIEW_NOT_REQUIRED = makeCode(
  'REVIEW_NOT_REQUIRED',
  'input',
  400,
  'The department is not among those that review this kind of application, so it has no review to record. The message lists the departments that do.',
);
export const REVIEW_ALREADY_RECORDED = makeCode(
  'REVIEW_ALREADY_RECORDED',
  'input',
  409,
  "The department's decision on this application is already recorded and cannot be changed. The message gives the decision on record.",
);
export const APPLICATION_CLOSED = makeCode(
  'APPLICATION_CLOSED',
  'input',
  409,
  'The application is already decided (approved, or rejected by another department), so no further review can be recorded. The applicant submits a new application to be considered again.',
);
