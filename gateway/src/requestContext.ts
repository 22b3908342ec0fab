import type { IncomingMessage } from 'node:http';
import type { AccessRegistry, Caller } from '@govgraph/governance';
import type { Logger } from '@govgraph/server';
import { checkBrowserOrigin } from './access/browserOrigin.js';
import { identify } from './access/identify.js';
import type { GatewayContext } from './context.js';
import { correlationIdOf } from './correlationId.js';
import type { RequestLimits } from './limits/requestLimits.js';
import { SubjectLedger } from './pipeline/SubjectLedger.js';

/**
 * The context of one gateway request, built at the HTTP edge once the hub has given it its
 * request id: the caller's correlation id beside it (a malformed one dropped, the log saying
 * so by length only), a logger carrying both, and the identified caller — refused when a
 * browser page on an origin the caller did not register sent it (docs/access.md#browser-apps-cors).
 */
export async function requestContext(
  req: IncomingMessage,
  requestId: string,
  logger: Logger,
  registry: AccessRegistry | undefined,
  limits: Readonly<RequestLimits>,
): Promise<GatewayContext> {
  const correlation = correlationIdOf(req);
  const requestLogger = logger.child({
    requestId,
    ...(correlation.id ? { correlationId: correlation.id } : {}),
  });
  if (correlation.droppedLength !== undefined) {
    requestLogger.info(
      { length: correlation.droppedLength },
      'dropped a malformed X-Request-Id: a correlation id is at most 64 of A-Z a-z 0-9 . _ : -',
    );
  }
  const identity = await identify(req, registry);
  if (registry) checkBrowserOrigin(req, identity.caller, registry, requestLogger);
  return {
    requestId,
    correlationId: correlation.id,
    logger: requestLogger,
    ...identity,
    limits: limitsFor(identity.caller, registry, limits),
    ledger: new SubjectLedger(),
  };
}

/**
 * The gateway's defaults, with the agency's overrides from the registry when an agency calls.
 * Anonymous and citizen callers are held to the defaults: only an agency's limits can be raised
 * (docs/limits.md).
 */
export function limitsFor(
  caller: Caller,
  registry: AccessRegistry | undefined,
  defaults: Readonly<RequestLimits>,
): RequestLimits {
  if (caller.kind !== 'agency' || !registry) return { ...defaults };
  return { ...defaults, ...registry.agencyLimits(caller.agencyId) };
}
