import { createPageLoader, createRowLoader } from '@govgraph/department/db';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type {
  AbnormalListingRow,
  AdministrativePenaltyRow,
  DishonestyListingRow,
  InspectionRow,
  LegalEntityRow,
  MarketDB,
} from './db/schema.js';

export interface MarketLoaders {
  legalEntity: DataLoader<string, LegalEntityRow | null>;
  dishonestyListing: DataLoader<string, DishonestyListingRow | null>;
  /** A person's represented entities, keyed by national ID. */
  representedEntities: ReturnType<typeof createPageLoader<MarketDB, LegalEntityRow>>;
  inspections: ReturnType<typeof createPageLoader<MarketDB, InspectionRow>>;
  administrativePenalties: ReturnType<typeof createPageLoader<MarketDB, AdministrativePenaltyRow>>;
  abnormalListings: ReturnType<typeof createPageLoader<MarketDB, AbnormalListingRow>>;
}

/** Loaders for one request: every list of N companies or people costs one statement per kind, not N. */
export function createLoaders(db: Kysely<MarketDB>): MarketLoaders {
  return {
    legalEntity: createRowLoader<MarketDB, LegalEntityRow>(db, {
      table: 'legal_entity',
      keyColumn: 'credit_code',
    }),
    dishonestyListing: createRowLoader<MarketDB, DishonestyListingRow>(db, {
      table: 'dishonesty_listing',
      keyColumn: 'credit_code',
    }),
    representedEntities: createPageLoader<MarketDB, LegalEntityRow>(db, {
      table: 'legal_entity',
      parentColumn: 'representative_id',
      orderBy: ['name', 'credit_code'],
    }),
    inspections: createPageLoader<MarketDB, InspectionRow>(db, {
      table: 'inspection',
      parentColumn: 'credit_code',
      orderBy: ['inspected_on desc', 'id'],
    }),
    administrativePenalties: createPageLoader<MarketDB, AdministrativePenaltyRow>(db, {
      table: 'administrative_penalty',
      parentColumn: 'credit_code',
      orderBy: ['decided_on desc', 'id'],
    }),
    abnormalListings: createPageLoader<MarketDB, AbnormalListingRow>(db, {
      table: 'abnormal_listing',
      parentColumn: 'credit_code',
      orderBy: ['listed_on desc', 'id'],
    }),
  };
}
