import { DEPARTMENT_MISMATCH, OPERATOR_REQUIRED, WRITE_NOT_ALLOWED } from '@govgraph/schema/errors';
import type { CallerTokenClaims } from '@govgraph/server';

// The department's own check of who writes (issue #10). The gateway has already checked the
// grant, purpose and case; a department still refuses what no grant could make right, so a
// gateway misconfiguration or a bug there cannot write in someone else's name.

// The gateway accepts X-Operator-Id up to this length; departments store it in as many characters.
const MAX_OPERATOR_ID = 64;

/** Who is writing, from the verified caller-token claims. */
export type Writer = AgencyWriter | { kind: 'citizen'; nationalId: string };

/** An agency writing: the department it acts for and its operator, when the claims carry them. */
export interface AgencyWriter {
  kind: 'agency';
  agency: string;
  department?: string;
  operatorId?: string;
}

/** An official of an agency acting for a department: the author of a decision. */
export interface Operator {
  agency: string;
  department: string;
  operatorId: string;
}

/** The writer of `mutation`; anonymous callers (and claims missing their id) write nothing. */
export function writerOf(hub: CallerTokenClaims | undefined, mutation: string): Writer {
  if (hub?.caller === 'agency' && hub.agency) {
    return {
      kind: 'agency',
      agency: hub.agency,
      department: hub.department,
      operatorId: hub.operatorId,
    };
  }
  if (hub?.caller === 'citizen' && hub.citizen) return { kind: 'citizen', nationalId: hub.citizen };
  throw WRITE_NOT_ALLOWED.err(
    `${mutation} needs an identified caller: send an agency's credential (X-Api-Key or a Bearer token), or a citizen's own token.`,
  );
}

/** Whose idempotency keys a writer's keys are: the agency's own, or the citizen's. */
export function principalOf(writer: Writer): string {
  return writer.kind === 'agency' ? writer.agency : `citizen:${writer.nationalId}`;
}

/**
 * A citizen writes only about themself: `nationalId` (the person the write is for) must be
 * theirs. Agencies may write on a person's behalf; the gateway checks their purpose and case.
 */
export function requireSelf(
  writer: Writer,
  nationalId: string | null,
  mutation: string,
  argument: string,
): void {
  if (writer.kind === 'agency' || nationalId === writer.nationalId) return;
  throw WRITE_NOT_ALLOWED.err(
    `A citizen may call ${mutation} only for themself: ${argument} must be your own national ID. An agency files for someone else.`,
    { extensions: { argument } },
  );
}

/**
 * The agency about to decide for a department (a review, the closing of a complaint): checked
 * before anything is looked up, so a citizen or an anonymous caller learns nothing of the record.
 */
export function deciderOf(hub: CallerTokenClaims | undefined, mutation: string): AgencyWriter {
  const writer = writerOf(hub, mutation);
  if (writer.kind === 'agency') return writer;
  throw WRITE_NOT_ALLOWED.err(
    `${mutation} records a department's decision: only an agency of that department may call it, never a citizen.`,
  );
}

/**
 * The official deciding for `department`: the agency must act for exactly that department and
 * have identified its operator, who is then recorded as the decision's author.
 */
export function departmentOperator(
  decider: AgencyWriter,
  department: string,
  mutation: string,
): Operator {
  if (decider.department !== department) {
    const actsFor = decider.department
      ? `acts for ${decider.department}`
      : 'has no department in the registry';
    throw DEPARTMENT_MISMATCH.err(
      `${mutation} decides for ${department}, and agency ${decider.agency} ${actsFor}. Send it with the credential of an agency of ${department}.`,
    );
  }
  const operatorId = decider.operatorId ?? '';
  if (operatorId === '' || [...operatorId].length > MAX_OPERATOR_ID) {
    throw OPERATOR_REQUIRED.err(
      `${mutation} records who decided: send X-Operator-Id with the deciding official's ID, at most ${MAX_OPERATOR_ID} characters.`,
    );
  }
  return { agency: decider.agency, department, operatorId };
}
