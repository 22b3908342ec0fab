import {
  type ApolloServerPlugin,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLResponse,
  HeaderMap,
} from '@apollo/server';
import { AUDITED_LEVELS, type AuditLog, type AuditPhase } from '@govgraph/governance';
import { AUDIT_UNAVAILABLE } from '@govgraph/schema';
import type { Logger } from '@govgraph/server';
import type { GatewayContext } from '../context.js';
import type { AccessVerdicts } from '../pipeline/accessStage.js';
import { type Audited, auditEntry, resultOf } from './auditEntry.js';

export interface AuditOptions {
  /** Where entries go: the hub's hash-chained audit log (`createAuditLog` of `@govgraph/governance`). */
  log: AuditLog;
  /** Used when a request has no logger of its own. */
  logger: Logger;
  /** The access stage's verdicts: the decision each record describes. */
  verdicts: AccessVerdicts;
}

type WillSendResponse = GraphQLRequestContextWillSendResponse<GatewayContext>;

const INTENT_REFUSED =
  'The hub could not record this write in its audit log, so nothing was written. Retry shortly; if it persists, quote the request id to the platform operator.';
const OUTCOME_UNRECORDED =
  'The write ran, but the hub could not record its outcome in the audit log, so the answer is withheld (the log holds the attempt). Check whether it took effect before retrying (an idempotency key makes the retry safe); quote the request id to the platform operator.';
const READ_UNRECORDED =
  'The hub could not record this access in its audit log, so the data was withheld. Retry shortly; if it persists, quote the request id to the platform operator.';

/**
 * Records every operation that read PERSONAL, SENSITIVE or CONFIDENTIAL data, every denied
 * attempt and every mutation in the audit log before the answer leaves (docs/access.md). Writing
 * the record is part of answering: when the log cannot take it, the caller gets
 * AUDIT_UNAVAILABLE (HTTP 503) and no data. An allowed mutation is recorded twice: its intent
 * before it runs (when that fails, it does not run) and its outcome after. Installed by the
 * request pipeline after the access stage, whose verdicts it records, and after the response
 * cache; whose data was read comes from the request's `SubjectLedger`.
 */
export function useAudit(options: AuditOptions): ApolloServerPlugin<GatewayContext> {
  const { log, verdicts } = options;
  return {
    async requestDidStart() {
      let phase: AuditPhase | undefined;
      return {
        // Runs after the access check, before the gateway plans or fetches anything.
        async responseForOperation(rc) {
          const access = verdicts.decisionOf(rc.contextValue);
          if (rc.operation.operation !== 'mutation' || !access) return null;
          try {
            await log.append({ ...auditEntry(rc, access), phase: 'intent' });
          } catch (error) {
            logFailure(rc, error, options.logger, 'the write was not run');
            return unavailable(rc.contextValue.requestId, INTENT_REFUSED);
          }
          phase = 'intent';
          return null;
        },
        // Runs just before the response is serialised, after the access plugin's hooks.
        async willSendResponse(rc) {
          const access = verdicts.decisionOf(rc.contextValue);
          // No decision: the operation never got past parsing or validation, so nothing was read.
          if (!access) return;
          // Refused by a rate limit once allowed: nothing ran and nothing was read (docs/limits.md).
          if (rc.contextValue.rateLimited && access.denied.length === 0) return;
          const write = rc.operation?.operation === 'mutation';
          if (!write && access.denied.length === 0 && !AUDITED_LEVELS.has(access.level)) return;
          // An allowed write without its intent record was never run: there is no outcome.
          if (write && access.denied.length === 0 && phase !== 'intent') return;
          const entry = auditEntry(rc, access, resultOf(rc));
          try {
            await log.append(phase ? { ...entry, phase: 'outcome' } : entry);
          } catch (error) {
            logFailure(rc, error, options.logger, 'the response was withheld');
            withhold(rc, write && phase ? OUTCOME_UNRECORDED : READ_UNRECORDED);
          }
        },
      };
    },
  };
}

function logFailure(rc: Audited, cause: unknown, fallback: Logger, consequence: string): void {
  const { requestId, logger } = rc.contextValue;
  (logger ?? fallback).error(
    { err: cause, requestId },
    `audit record could not be written; ${consequence}`,
  );
}

function unavailable(requestId: string, message: string): GraphQLResponse {
  return {
    http: { status: AUDIT_UNAVAILABLE.httpStatus, headers: new HeaderMap() },
    body: {
      kind: 'single',
      singleResult: {
        data: null,
        errors: [AUDIT_UNAVAILABLE.formatted(message, { requestId })],
      },
    },
  };
}

// Fail closed: the answer is replaced, so no data leaves without its record.
function withhold(rc: WillSendResponse, message: string): void {
  const { http, body } = unavailable(rc.contextValue.requestId, message);
  rc.response.http.status = http.status;
  rc.response.body = body;
}
