import type { CallerTokenClaims, CallerTokenSigner } from '@govgraph/server';
import type { GatewayContext } from '../context.js';

// One token per gateway request, however many department fetches its plan makes.
const tokens = new WeakMap<GatewayContext, string>();

/**
 * The caller token for this request, shared by every fetch. The signer reuses a token for the
 * same caller, purpose, case and operator across requests (the request id goes in
 * `X-Request-Id`), so a department verifies its signature once, not once per request.
 */
export function callerTokenFor(signer: CallerTokenSigner, context: GatewayContext): string {
  let token = tokens.get(context);
  if (!token) {
    token = signer.tokenFor(callerTokenClaims(context));
    tokens.set(context, token);
  }
  return token;
}

/** What departments learn about the request: who (and for which department), why, for which case. */
function callerTokenClaims(context: GatewayContext): CallerTokenClaims {
  const { caller } = context;
  const claims: CallerTokenClaims = { caller: caller.kind };
  if (caller.kind === 'agency') {
    claims.agency = caller.agencyId;
    claims.roles = [...caller.roles];
    // Departments accept a write in a department's name only from an agency of it (issue #10).
    if (caller.department) claims.department = caller.department;
  } else if (caller.kind === 'citizen') {
    claims.citizen = caller.nationalId;
  }
  if (context.purpose) claims.purpose = context.purpose;
  if (context.caseId) claims.caseId = context.caseId;
  if (context.operatorId) claims.operatorId = context.operatorId;
  return claims;
}
