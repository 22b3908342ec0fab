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
 * Closes an open complaint. The update only touches an open row, so two closings racing for
 * the same complaint cannot both win; when it touches none, the row (or its absence) says
 * which error to give. Either way the transaction writes nothing on failure.
 */
export async function resolveComplaint(
  db: Kysely<ComplaintsDB>,
  closing: ComplaintClosing,
  now = new Date(),
): Promise<ComplaintRow> {
  return db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('complaint')
      .set({
        status: closing.outcome,
        resolution: closing.resolution,
        resolved_at: chinaDateTime(now),
      })
      .where('id', '=', closing.id)
      .where('status', 'in', ['RECEIVED', 'IN_PROGRESS'])
      .returningAll()
      .executeTakeFirst();
    if (closed) return closed;
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
    throw COMPLAINT_ALREADY_CLOSED.err(
      `Complaint ${existing.id} was already closed: ${existing.status} at ${existing.resolved_at ?? 'an unrecorded time'} with the resolution ${JSON.stringify(existing.resolution ?? '')}. A closed complaint is not closed again; file a new complaint if the matter has come back.`,
      { extensions: { argument: 'input.id' } },
    );
  });
}
