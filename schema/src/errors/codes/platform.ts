import { makeCode } from '../ErrorCode.js';

export const DEPARTMENT_UNAVAILABLE = makeCode(
  'DEPARTMENT_UNAVAILABLE',
  'availability',
  503,
  "A department's subgraph did not answer in time or refused the connection, or the gateway did not call it: its circuit is open after repeated failures (`extensions.reason` `CIRCUIT_OPEN`, `extensions.retryAt` says when it is tried again) or it has as many requests in flight and queued as allowed (`TOO_BUSY`). The fields it owns are null; data from the other departments is still returned. `extensions.department` names it. Retry later.",
);
export const DEPARTMENT_ANSWER_TOO_LARGE = makeCode(
  'DEPARTMENT_ANSWER_TOO_LARGE',
  'availability',
  502,
  "A department's answer was larger than the gateway reads from one department call (`extensions.limitBytes`); it was dropped unread. The fields it owns are null; data from the other departments is still returned. `extensions.department` names it. Ask it for fewer items or fields.",
);
export const DEPARTMENT_ERROR = makeCode(
  'DEPARTMENT_ERROR',
  'availability',
  502,
  'A department answered with an error that it did not classify, or refused the request the gateway built for it (a department never tells a caller their valid operation failed validation). The fields it owns are null; `extensions.department` names it and `extensions.requestId` lets the operator find the detail in the logs.',
);
export const GATEWAY_NOT_READY = makeCode(
  'GATEWAY_NOT_READY',
  'availability',
  503,
  'The gateway is starting and has not loaded its supergraph yet (`/ready` answers 503 meanwhile). Retry in a few seconds.',
);
export const INTERNAL_ERROR = makeCode(
  'INTERNAL_ERROR',
  'internal',
  500,
  'Something failed inside govgraph. No detail is returned to the caller; quote `extensions.requestId` to the operator, whose logs hold the cause.',
);
