import { makeCode } from '../ErrorCode.js';

// The tamper-evident audit trail (docs/access.md).

export const AUDIT_UNAVAILABLE = makeCode(
  'AUDIT_UNAVAILABLE',
  'availability',
  503,
  'The access to personal or confidential data could not be recorded in the audit log, so the data was withheld (the hub fails closed). Retry shortly; if it persists, report the request id to the platform operator.',
);
