import type { AuditRecord } from '@govgraph/hub';
import { INVALID_ARGUMENT } from '@govgraph/schema';
import {
  type AccessLogSubject,
  accessLogField,
  assertMayReadAccessLog,
} from '../accessLogPolicy.js';
import type { TrackerContext } from '../context.js';

const MAX_RECORDS = 100;

/** `Person.accessLog` and `LegalEntity.accessLog`: the policy first, then one batched read. */
export async function accessLogPage(
  subject: AccessLogSubject,
  first: number | null | undefined,
  { reader, loaders }: TrackerContext,
): Promise<AuditRecord[]> {
  assertMayReadAccessLog(reader, subject);
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORDS) {
    throw INVALID_ARGUMENT.err(
      `${accessLogField(subject)}(first: ${limit}) is out of range: ask for 1 to ${MAX_RECORDS} of the most recent records.`,
      { extensions: { argument: 'first' } },
    );
  }
  const key = subject.kind === 'person' ? subject.nationalId : subject.creditCode;
  return [...(await loaders.accessLog.load({ subject: key, limit }))];
}
