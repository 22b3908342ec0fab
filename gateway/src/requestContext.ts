import type { IncomingMessage } from 'node:http';
import type { AccessRegistry } from '@govgraph/hub';
import type { Logger } from '@govgraph/schema/runtime';
import { checkBrowserOrigin } from './access/browserOrigin.js';
import { identify } from './access/identify.js';
import type { GatewayContext } from './context.js';
import { correlationIdOf } from './correlationId.js';
import type { RequestLimits } from './limits/requestLimits.js';

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
    // Per-agency overrides from the registry resolve here once the registry holds them.
    limits: { ...limits },
    subjects: new Set(),
    cached: false,
  };
}
