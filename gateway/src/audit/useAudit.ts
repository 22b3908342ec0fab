import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { AUDITED_LEVELS, type AuditEntry, type AuditLog, type AuditOutcome } from '@govgraph/hub';
import { AUDIT_UNAVAILABLE } from '@govgraph/schema';
import type { Logger } from '@govgraph/schema/runtime';
import type { GraphQLFormattedError } from 'graphql';
import type { AccessDecision, GatewayContext } from '../context.js';
import { argumentSubjects, dataSubjects } from './operationSubjects.js';

export interface AuditOptions {
  /** Where entries go: the hub's hash-chained audit log (`createAuditLog` of `@govgraph/hub`). */
  log: AuditLog;
  /** Used when a request has no logger of its own. */
  logger: Logger;
}

type WillSendResponse = GraphQLRequestContextWillSendResponse<GatewayContext>;

/**
 * Records every operation that read PERSONAL, SENSITIVE or CONFIDENTIAL data, and every denied
 * attempt, in the audit log before the answer leaves (DESIGN.md §5). Writing the record is part
 * of answering: when the log cannot take it, the caller gets AUDIT_UNAVAILABLE (HTTP 503) and
 * no data. Install after the access plugin, whose decision (`context.access`) it reads.
 */
export function useAudit(options: AuditOptions): ApolloServerPlugin<GatewayContext> {
  const { log } = options;
  return {
    async requestDidStart() {
      return {
        // Runs just before the response is serialised, after the access plugin's hooks.
        async willSendResponse(requestContext) {
          const access = requestContext.contextValue.access;
          // No decision: the operation never got past parsing or validation, so nothing was read.
          if (!access) return;
          if (access.denied.length === 0 && !AUDITED_LEVELS.has(access.level)) return;
          const entry = auditEntry(requestContext, access);
          try {
            await log.append(entry);
          } catch (error) {
            withhold(requestContext, error, options.logger);
          }
        },
      };
    },
  };
}

function auditEntry(rc: WillSendResponse, access: AccessDecision): AuditEntry {
  const context = rc.contextValue;
  const { caller } = context;
  const result = resultOf(rc);
  const subjects = new Set(context.subjects);
  if (caller.kind === 'citizen') subjects.add(caller.nationalId);
  if (rc.document && rc.operation) {
    argumentSubjects(rc.schema, rc.document, rc.operation, rc.request.variables, subjects);
    dataSubjects(rc.schema, rc.document, rc.operation, result.data, subjects);
  }
  return {
    at: new Date(),
    requestId: context.requestId,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    callerKind: caller.kind,
    agencyId: caller.kind === 'agency' ? caller.agencyId : null,
    operatorId: context.operatorId,
    purpose: context.purpose,
    caseId: context.caseId,
    operationHash: access.operationHash,
    operationName: access.operationName,
    coordinates: access.coordinates,
    denied: access.denied.map(({ coordinate, reason }) => ({ coordinate, reason })),
    subjects: [...subjects].sort(),
    outcome: outcomeOf(access, result),
    cached: context.cached,
  };
}

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

function resultOf(rc: WillSendResponse): Result {
  const body = rc.response.body;
  return body.kind === 'single' ? body.singleResult : body.initialResult;
}

function outcomeOf(access: AccessDecision, result: Result): AuditOutcome {
  if (access.denied.length > 0) return 'denied';
  if (!result.errors?.length) return 'ok';
  return result.data ? 'partial' : 'error';
}

// Fail closed: the answer is replaced, so no data leaves without its record.
function withhold(rc: WillSendResponse, cause: unknown, fallback: Logger): void {
  const { requestId, logger } = rc.contextValue;
  (logger ?? fallback).error(
    { err: cause, requestId },
    'audit record could not be written; the response was withheld',
  );
  rc.response.http.status = 503;
  rc.response.body = {
    kind: 'single',
    singleResult: {
      data: null,
      errors: [
        {
          message:
            'The hub could not record this access in its audit log, so the data was withheld. Retry shortly; if it persists, quote the request id to the platform operator.',
          extensions: { code: AUDIT_UNAVAILABLE.code, requestId },
        },
      ],
    },
  };
}
