import { makeCode } from '../ErrorCode.js';

// Who may write at a department (issue #10): checked by the department itself, from the
// caller-token claims, after the gateway's grant check — defence in depth.

export const WRITE_NOT_ALLOWED = makeCode(
  'WRITE_NOT_ALLOWED',
  'access',
  403,
  'This caller may not make this write at all: an anonymous caller writes nothing; a citizen submits applications and files complaints only for themself (their own national ID, never another person or a company) and records no reviews and closes no complaints. Nothing was written. Call as the agency that acts for the person, or with the citizen’s own ID.',
);
export const DEPARTMENT_MISMATCH = makeCode(
  'DEPARTMENT_MISMATCH',
  'access',
  403,
  'The write decides for one department (a review of an application, the closing of a complaint) and the calling agency acts for another, or for none. Nothing was written. Send it with the credential of an agency of the department the message names; the platform operator sets an agency’s department in the registry.',
);
export const OPERATOR_REQUIRED = makeCode(
  'OPERATOR_REQUIRED',
  'access',
  403,
  'The write records a decision by an official (a review, the closing of a complaint) and no operator was identified. Nothing was written. Send `X-Operator-Id` with the deciding official’s ID (or use a token that carries one): the official is recorded as the decision’s author.',
);
