import { makeCode } from '../ErrorCode.js';

export const DEPARTMENT_UNAVAILABLE = makeCode(
  'DEPARTMENT_UNAVAILABLE',
  'availability',
  "A department's subgraph did not answer in time or refused the connection. The fields it owns are null; data from the other departments is still returned. `extensions.department` names it. Retry later.",
);
export const DEPARTMENT_ERROR = makeCode(
  'DEPARTMENT_ERROR',
  'availability',
  'A department answered with an error that it did not classify. The fields it owns are null; `extensions.department` names it and `extensions.requestId` lets the operator find the detail in the logs.',
);
export const GATEWAY_NOT_READY = makeCode(
  'GATEWAY_NOT_READY',
  'availability',
  'The gateway is starting and has not loaded its supergraph yet (`/ready` answers 503 meanwhile). Retry in a few seconds.',
);
export const INTERNAL_ERROR = makeCode(
  'INTERNAL_ERROR',
  'internal',
  'Something failed inside govgraph. No detail is returned to the caller; quote `extensions.requestId` to the operator, whose logs hold the cause.',
);
