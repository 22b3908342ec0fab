export * from './codes/approvals.js';
export * from './codes/graphql.js';
export * from './codes/housing.js';
export * from './codes/input.js';
export * from './codes/platform.js';
export * from './codes/tax.js';
export { type ErrorCategory, ErrorCode, makeCode } from './ErrorCode.js';
export { errorRegistry, isRegisteredCode } from './registry.js';
export { renderErrorDocs } from './renderErrorDocs.js';
