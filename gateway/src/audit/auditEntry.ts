import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { AuditEntry, AuditOutcome } from '@govgraph/governance';
import type {
  DocumentNode,
  GraphQLFormattedError,
  GraphQLSchema,
  OperationDefinitionNode,
} from 'graphql';
import { isStoredAnswer } from '../cache/storedAnswer.js';
import type { AccessDecision, GatewayContext } from '../context.js';
import { argumentSubjects, dataSubjects } from './operationSubjects.js';

/** What an audit entry is made from: the request once its operation is resolved. */
export interface Audited {
  contextValue: GatewayContext;
  schema: GraphQLSchema;
  request: { variables?: Record<string, unknown> };
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
}

/** The part of an answer the record describes (never its values, only whose they are). */
export interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * The audit entry of a request: who, why, what, and whose data: the subjects the departments
 * reported, those named in the arguments, and (once there is an answer) those in it. Without
 * a result it is the entry of a write about to run.
 */
export function auditEntry(rc: Audited, access: AccessDecision, result?: Result): AuditEntry {
  const context = rc.contextValue;
  const { caller } = context;
  const subjects = new Set(context.ledger.subjects);
  if (caller.kind === 'citizen') subjects.add(caller.nationalId);
  if (rc.document && rc.operation) {
    argumentSubjects(rc.schema, rc.document, rc.operation, rc.request.variables, subjects);
    // A response-cache hit's subjects came with its entry (the ledger), data ones included.
    if (result && !isStoredAnswer(result.data)) {
      dataSubjects(rc.schema, rc.document, rc.operation, result.data, subjects);
    }
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
    outcome: result ? outcomeOf(access, result) : 'ok',
    cached: context.ledger.cached,
  };
}

export function resultOf(rc: GraphQLRequestContextWillSendResponse<GatewayContext>): Result {
  const body = rc.response.body;
  return body.kind === 'single' ? body.singleResult : body.initialResult;
}

function outcomeOf(access: AccessDecision, result: Result): AuditOutcome {
  if (access.denied.length > 0) return 'denied';
  if (!result.errors?.length) return 'ok';
  return result.data ? 'partial' : 'error';
}
