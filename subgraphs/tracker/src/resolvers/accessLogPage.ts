import { encodeCursor, pageWindow } from '@govgraph/department/db';
import type { AuditRecord } from '@govgraph/governance';
import {
  type AccessLogSubject,
  accessLogField,
  assertMayReadAccessLog,
} from '../accessLogPolicy.js';
import type { TrackerContext } from '../context.js';

/** A page of one subject's access log; `totalCount` is read only when asked for. */
export interface AccessLogPage {
  subject: string;
  nodes: AuditRecord[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * `Person.accessLog` and `LegalEntity.accessLog`: the policy first, then one batched read. The
 * cursor holds the sequence number of the page's last record, so the next page starts below it
 * however many records were appended meanwhile (an offset would repeat records).
 */
export async function accessLogPage(
  subject: AccessLogSubject,
  args: { first?: number | null; after?: string | null },
  { reader, loaders }: TrackerContext,
): Promise<AccessLogPage> {
  assertMayReadAccessLog(reader, subject);
  const window = pageWindow(args, accessLogField(subject));
  const key = subject.kind === 'person' ? subject.nationalId : subject.creditCode;
  const rows = await loaders.accessLog.load({
    subject: key,
    limit: window.limit + 1,
    before: args.after == null ? undefined : window.offset,
  });
  const nodes = rows.slice(0, window.limit);
  const last = nodes.at(-1);
  return {
    subject: key,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      endCursor: last ? encodeCursor(last.seq) : null,
    },
  };
}
