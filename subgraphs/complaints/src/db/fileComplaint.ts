import { HANDLING_DEPARTMENTS } from '@govgraph/rules';
import { chinaDateTime } from '@govgraph/schema';
import type { Kysely } from 'kysely';
import { ticketNumber } from '../ticketNumber.js';
import type { ComplaintCategory, ComplaintRow, ComplaintsDB } from './schema.js';

export interface NewComplaint {
  complainantNationalId: string;
  againstCreditCode: string;
  category: ComplaintCategory;
  /** Already validated and trimmed. */
  description: string;
}

/**
 * Writes a new RECEIVED complaint under the next ticket number of the current year. The
 * counter and the complaint are written in one transaction: a failure leaves neither.
 */
export async function fileComplaint(
  db: Kysely<ComplaintsDB>,
  input: NewComplaint,
  now = new Date(),
): Promise<ComplaintRow> {
  const filedAt = chinaDateTime(now);
  const year = Number(filedAt.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    // One statement takes the serial on both engines: the row lock (PostgreSQL) or the
    // database write lock (SQLite) makes concurrent filings take different serials.
    const { last_serial } = await trx
      .insertInto('ticket_counter')
      .values({ year, last_serial: 1 })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet((eb) => ({
          last_serial: eb(eb.ref('ticket_counter.last_serial'), '+', 1),
        })),
      )
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    const row: ComplaintRow = {
      id: ticketNumber(year, last_serial),
      filed_at: filedAt,
      complainant_id: input.complainantNationalId,
      against_code: input.againstCreditCode,
      category: input.category,
      description: input.description,
      status: 'RECEIVED',
      handling_department: HANDLING_DEPARTMENTS[input.category],
      resolution: null,
      resolved_at: null,
      resolved_by_operator: null,
      resolved_by_agency: null,
    };
    await trx.insertInto('complaint').values(row).execute();
    return row;
  });
}
