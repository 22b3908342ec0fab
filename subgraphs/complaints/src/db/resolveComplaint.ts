import { type AgencyWriter, departmentOperator } from '@govgraph/department';
import { handlingDepartmentCode } from '@govgraph/rules';
import {
  COMPLAINT_ALREADY_CLOSED,
  COMPLAINT_NOT_FOUND,
  chinaDateTime,
  quoteInput,
} from '@govgraph/schema';
import type { Kysely } from 'kysely';
import type { ComplaintRow, ComplaintsDB } from './schema.js';

export interface ComplaintClosing {
  id: string;
  outcome: 'RESOLVED' | 'REJECTED';
  /** Already validated and trimmed. */
  resolution: string;
}

/**
 * Closes an open complaint, as an official of its handling department (recorded as the one
 * who closed it). The department is checked before anything about the complaint's state is
 * said, so another department learns only that the ticket exists. The update only touches an
 * open row, so two closings racing for the same complaint cannot both win; when it touches
 * none, the complaint was closed first. Either way the transaction writes nothing on failure.
 */
export async function resolveComplaint(
  db: Kysely<ComplaintsDB>,
  closing: ComplaintClosing,
  decider: AgencyWriter,
  now = new Date(),
): Promise<ComplaintRow> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', closing.id)
      .executeTakeFirst();
    if (!existing) {
      throw COMPLAINT_NOT_FOUND.err(
        `No complaint has ticket number ${quoteInput(closing.id)}. Check the number: it is the id fileComplaint returned, e.g. 12345-2025-000123.`,
        { extensions: { argument: 'input.id' } },
      );
    }
    const official = departmentOperator(
      decider,
      handlingDepartmentCode(existing.handling_department),
      'resolveComplaint',
    );
    const closed = await trx
      .updateTable('complaint')
      .set({
        status: closing.outcome,
        resolution: closing.resolution,
        resolved_at: chinaDateTime(now),
        resolved_by_operator: official.operatorId,
        resolved_by_agency: official.agency,
      })
      .where('id', '=', closing.id)
      .where('status', 'in', ['RECEIVED', 'IN_PROGRESS'])
      .returningAll()
      .executeTakeFirst();
    if (closed) return closed;
    // Closed since it was read: the row as it is now says how.
    const current = await trx
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', closing.id)
      .executeTakeFirstOrThrow();
    throw COMPLAINT_ALREADY_CLOSED.err(
      `Complaint ${current.id} was already closed: ${current.status} at ${current.resolved_at ?? 'an unrecorded time'} with the resolution ${JSON.stringify(current.resolution ?? '')}. A closed complaint is not closed again; file a new complaint if the matter has come back.`,
      { extensions: { argument: 'input.id' } },
    );
  });
}
