import type { IncomingMessage } from 'node:http';
import type { AccessRegistry, Caller } from '@govgraph/governance';
import { BAD_REQUEST, UNAUTHENTICATED } from '@govgraph/schema';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';

/** What the HTTP edge learns about a request before anything is parsed. */
export type Identity = Pick<GatewayContext, 'caller' | 'purpose' | 'caseId' | 'operatorId'>;

const DECLARED = /^[A-Za-z0-9._:/-]{1,64}$/;

/**
 * Identifies the caller from `X-Api-Key` or `Authorization: Bearer <jwt>` through the registry
 * (no credential: anonymous) and reads `X-Purpose`, `X-Case-Id`, `X-Operator-Id`, trimmed.
 * A bad credential throws UNAUTHENTICATED (HTTP 401); a malformed header BAD_REQUEST (400):
 * either way nothing runs. Without a registry (access layer off) every caller is anonymous.
 */
export async function identify(
  req: IncomingMessage,
  registry: AccessRegistry | undefined,
): Promise<Identity> {
  const purpose = declared(req, 'x-purpose');
  const caseId = declared(req, 'x-case-id');
  const operatorId = declared(req, 'x-operator-id');
  if (!registry) return { caller: { kind: 'anonymous' }, purpose, caseId, operatorId };
  const apiKey = single(req, 'x-api-key')?.trim();
  const authorization = single(req, 'authorization')?.trim();
  let bearerToken: string | undefined;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) {
      throw UNAUTHENTICATED.refusal('The Authorization header must be "Bearer <token>".');
    }
    bearerToken = match[1];
  }
  if (apiKey && bearerToken) {
    throw UNAUTHENTICATED.refusal(
      'Send one credential: an X-Api-Key header or an Authorization token, not both.',
    );
  }
  try {
    const caller = await registry.authenticate({
      ...(apiKey ? { apiKey } : {}),
      ...(bearerToken ? { bearerToken } : {}),
    });
    return { caller, purpose, caseId, operatorId: sessionOperator(caller, operatorId) };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === UNAUTHENTICATED.code) {
      throw UNAUTHENTICATED.refusal(error.message);
    }
    throw error;
  }
}

/**
 * A service-desk session stands for one operator: the request acts as them. An
 * `X-Operator-Id` naming anyone else is refused rather than ignored, so a client that means
 * someone else learns it at once.
 */
function sessionOperator(caller: Caller, header: string | null): string | null {
  if (caller.kind !== 'agency' || caller.operatorId === undefined) return header;
  if (header !== null && header !== caller.operatorId) {
    throw BAD_REQUEST.refusal(
      `The X-Operator-Id header names ${header}, but this session is operator ${caller.operatorId}'s: leave the header out, or sign in as ${header}.`,
    );
  }
  return caller.operatorId;
}

function declared(req: IncomingMessage, header: string): string | null {
  const value = single(req, header)?.trim();
  if (!value) return null;
  if (!DECLARED.test(value)) {
    throw BAD_REQUEST.refusal(
      `The ${header} header is not valid: at most 64 characters of letters, digits and . _ : / -. Correct it and send the request again.`,
    );
  }
  return value;
}

function single(req: IncomingMessage, header: string): string | undefined {
  const value = req.headers[header];
  return Array.isArray(value) ? value.join(',') : value;
}
