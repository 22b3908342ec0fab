import type { CallerTokenClaims, CallerTokenSigner } from '@govgraph/server';
import type { GatewayContext } from '../context.js';

// One token per gateway request, however many department fetches its plan makes.
const tokens = new WeakMap<GatewayContext, Promise<string>>();

/** The caller token for this request, signed on first use and shared by every fetch. */
export function callerTokenFor(
  signer: CallerTokenSigner,
  context: GatewayContext,
): Promise<string> {
  let token = tokens.get(context);
  if (!token) {
    token = signer.sign(callerTokenClaims(context));
    tokens.set(context, token);
  }
  return token;
}

/** What departments learn about the request: who (and for which department), why, for which case, which request. */
function callerTokenClaims(context: GatewayContext): CallerTokenClaims {
  const { caller } = context;
  const claims: CallerTokenClaims = { caller: caller.kind, requestId: context.requestId };
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
