import { COMPLAINT_YEARS, complaintsOfPerson, type World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import type { ComplaintsDB, ComplaintTable } from './schema.js';

// People per round trip: about 2,500 complaints each.
const CHUNK = 100_000;

/** Replaces the hotline's contents with the synthetic world's complaints. */
export async function seedComplaints(
  database: Database<ComplaintsDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  await db.deleteFrom('complaint').execute();
  await db.deleteFrom('ticket_counter').execute();
  // New filings continue after the highest serial of their year.
  const lastSerial = new Map<number, number>(COMPLAINT_YEARS.map((year) => [year, 0]));
  const total = world.peopleCount;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK);
    const rows: Insertable<ComplaintTable>[] = [];
    // Only about one person in 40 has a complaint, so people are made only for those slots.
    for (let i = from; i < to; i++) {
      for (const c of complaintsOfPerson(world, i)) {
        const year = Number(c.id.slice(6, 10));
        lastSerial.set(year, Math.max(lastSerial.get(year) ?? 0, Number(c.id.slice(11))));
        rows.push({
          id: c.id,
          filed_at: c.filedAt,
          complainant_id: world.person(c.complainantIndex).nationalId,
          against_code: world.company(c.companyIndex).creditCode,
          category: c.category,
          description: c.description,
          status: c.status,
          handling_department: c.handlingDepartment,
          resolution: c.resolution,
          resolved_at: c.resolvedAt,
          resolved_by_operator: null,
          resolved_by_agency: null,
        });
      }
    }
    await insertInBatches(db, 'complaint', rows);
    progress?.('complaint', to, total);
  }
  await insertInBatches(
    db,
    'ticket_counter',
    [...lastSerial].map(([year, last_serial]) => ({ year, last_serial })),
  );
}

export function isComplaintsSeeded(database: Database<ComplaintsDB>): Promise<boolean> {
  return hasRows(database.db, 'ticket_counter');
}
