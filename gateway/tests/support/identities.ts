import { creditCodeCheckChar, nationalIdCheckChar } from '@govgraph/schema';
import type { Asker } from './postGraphQL.js';

// The people, companies and agencies the gateway tests ask about and ask as, defined once.

const nationalId = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;
const creditCode = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;

/** Wang Fang: the standard's sample national ID (check character X). */
export const WANG = '11010519491231002X';
/** Li Wei. */
export const LI = nationalId('31010419800315123');
/** Zhang Min. */
export const ZHANG = nationalId('44030519951120456');

/** Minjiang Tea Co., represented by Wang Fang. */
export const TEA = '91350100M000100Y43';
/** Beijing Lantern Works, represented by Li Wei. */
export const LANTERN = creditCode('91110000600007336');

/** An agency as `MemoryRegistry.addAgency` takes it. */
export interface TestAgency {
  agencyId: string;
  name: string;
  roles: string[];
  apiKey: string;
}

/** The city tax office; tests grant it fields under `TAX_ASSESSMENT`. */
export const CITY_TAX: TestAgency = {
  agencyId: 'city-tax',
  name: 'City tax',
  roles: [],
  apiKey: 'k-tax',
};

/** The police: known to the registry, granted nothing unless a test says so. */
export const POLICE: TestAgency = {
  agencyId: 'police',
  name: 'Police',
  roles: [],
  apiKey: 'k-police',
};

/** The purpose the city tax office asks for. */
export const TAX_ASSESSMENT = 'tax-assessment';

/** A citizen signed in (`MemoryRegistry` reads `citizen:<national ID>` bearer tokens). */
export function citizen(id: string): Asker {
  return { bearer: `citizen:${id}` };
}
