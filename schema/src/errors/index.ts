export * from './codes/access.js';
export * from './codes/approvals.js';
export * from './codes/audit.js';
export * from './codes/complaints.js';
export * from './codes/cost.js';
export * from './codes/departmentWrites.js';
export * from './codes/graphql.js';
export * from './codes/housing.js';
export * from './codes/input.js';
export * from './codes/limits.js';
export * from './codes/platform.js';
export * from './codes/rateLimit.js';
export * from './codes/tax.js';
export {
  type ErrorBody,
  type ErrorCategory,
  ErrorCode,
  type ErrorCodeOptions,
  type ErrorHttpStatus,
  type FormattedCodedError,
  makeCode,
} from './ErrorCode.js';
export { ensureError } from './ensureError.js';
export { boundQuotedInput, clipInput, QUOTED_INPUT_CHARS, quoteInput } from './quoteInput.js';
export { errorRegistry, isRegisteredCode } from './registry.js';
export { renderErrorDocs } from './renderErrorDocs.js';
