import { FORBIDDEN } from '@govgraph/schema';

/** The role an agency needs to read any subject's access log. */
export const AUDITOR_ROLE = 'auditor';

/** Who asks for an access log, as the gateway's verified caller token names them. */
export type AccessLogReader =
  | { kind: 'anonymous' }
  | { kind: 'agency'; agencyId: string; roles: readonly string[] }
  | { kind: 'citizen'; nationalId: string };

/** Whose access log is asked for. */
export type AccessLogSubject =
  | { kind: 'person'; nationalId: string }
  | { kind: 'entity'; creditCode: string };

/** The field that asks for a subject's access log, as errors name it. */
export function accessLogField(subject: AccessLogSubject): string {
  return subject.kind === 'person' ? 'Person.accessLog' : 'LegalEntity.accessLog';
}

/**
 * Refuses an access log to anyone but an auditor agency, or the citizen whose own log it is.
 * The refusal is a FORBIDDEN error on the field, not an empty list or null: an empty list
 * would tell the caller that nobody read the data (a false statement about the audit trail),
 * and null reads as "the tracker is down", so both would mislead the caller and its users.
 */
export function assertMayReadAccessLog(reader: AccessLogReader, subject: AccessLogSubject): void {
  if (reader.kind === 'agency' && reader.roles.includes(AUDITOR_ROLE)) return;
  if (
    reader.kind === 'citizen' &&
    subject.kind === 'person' &&
    reader.nationalId === subject.nationalId
  ) {
    return;
  }
  const who =
    reader.kind === 'agency'
      ? `agency ${reader.agencyId} does not hold the ${AUDITOR_ROLE} role`
      : reader.kind === 'citizen'
        ? 'a citizen may read only their own access log'
        : 'the caller is not identified';
  const readers =
    subject.kind === 'person'
      ? `an agency with the ${AUDITOR_ROLE} role, or the person themself signed in with a citizen token`
      : `an agency with the ${AUDITOR_ROLE} role`;
  throw FORBIDDEN.err(
    `${accessLogField(subject)} is readable only by ${readers}; ${who}. Remove the field, or ask the platform operator for the ${AUDITOR_ROLE} role.`,
  );
}
