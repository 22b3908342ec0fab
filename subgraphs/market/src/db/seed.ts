import type { World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import { foldName } from './foldName.js';
import type {
  AbnormalListingTable,
  AdministrativePenaltyTable,
  DishonestyListingTable,
  InspectionTable,
  LegalEntityTable,
  MarketDB,
} from './schema.js';

// Companies per round trip; their records (a few each) go in the same round.
const CHUNK = 10_000;

/** Replaces the registry's contents with the synthetic world's companies and their records. */
export async function seedMarket(
  database: Database<MarketDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  // Children first: they reference the entities.
  for (const table of [
    'dishonesty_listing',
    'abnormal_listing',
    'administrative_penalty',
    'inspection',
    'legal_entity',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  const total = world.companyCount;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK);
    const entities: Insertable<LegalEntityTable>[] = [];
    const inspections: Insertable<InspectionTable>[] = [];
    const penalties: Insertable<AdministrativePenaltyTable>[] = [];
    const abnormal: Insertable<AbnormalListingTable>[] = [];
    const dishonesty: Insertable<DishonestyListingTable>[] = [];
    for (const c of world.companies(from, to)) {
      const code = c.creditCode;
      entities.push({
        credit_code: code,
        name: c.name,
        name_folded: foldName(c.name),
        kind: c.kind,
        status: c.status,
        established: c.established,
        registered_capital: c.registeredCapital,
        business_scope: c.businessScope,
        division_code: c.divisionCode,
        address: c.address,
        building_id: c.buildingId,
        representative_id: world.person(c.representativeIndex).nationalId,
      });
      for (const r of world.inspections(c.index)) {
        inspections.push({
          id: r.id,
          credit_code: code,
          inspected_on: r.inspectedOn,
          authority: r.authority,
          result: r.result,
          findings: r.findings,
        });
      }
      for (const r of world.penalties(c.index)) {
        penalties.push({
          id: r.id,
          credit_code: code,
          decision_number: r.decisionNumber,
          decided_on: r.decidedOn,
          authority: r.authority,
          violation: r.violation,
          kind: r.kind,
          amount: r.amount,
        });
      }
      for (const r of world.abnormalListings(c.index)) {
        abnormal.push({
          id: r.id,
          credit_code: code,
          listed_on: r.listedOn,
          reason: r.reason,
          authority: r.authority,
          removed_on: r.removedOn,
          removal_reason: r.removalReason,
        });
      }
      const listing = world.dishonestyListing(c.index);
      if (listing) {
        dishonesty.push({
          credit_code: code,
          listed_on: listing.listedOn,
          reason: listing.reason,
          authority: listing.authority,
        });
      }
    }
    await insertInBatches(db, 'legal_entity', entities);
    await insertInBatches(db, 'inspection', inspections);
    await insertInBatches(db, 'administrative_penalty', penalties);
    await insertInBatches(db, 'abnormal_listing', abnormal);
    await insertInBatches(db, 'dishonesty_listing', dishonesty);
    progress?.('legal_entity', to, total);
  }
}

export function isMarketSeeded(database: Database<MarketDB>): Promise<boolean> {
  return hasRows(database.db, 'legal_entity');
}
