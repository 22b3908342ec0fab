import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '@govgraph/datagen';
import { REPO_ROOT } from './childProcess.js';
import type { AgencyCredentials } from './topology.js';

/** The kinds of request the load mixes; each knows its caller and how to read its answer. */
export type RequestKind =
  | 'citizenRecord'
  | 'companySearch'
  | 'eligibility'
  | 'companyComplaints'
  | 'fileComplaint'
  | 'submitApplication';

export const READ_KINDS: readonly RequestKind[] = [
  'citizenRecord',
  'companySearch',
  'eligibility',
  'companyComplaints',
];

/** One GraphQL request as sent: body, and the agency it is sent as (none: anonymous). */
export interface PlannedRequest {
  kind: RequestKind;
  query: string;
  variables: Record<string, unknown>;
  caller?: AgencyCredentials;
}

export const CITIZEN_RECORD = readFileSync(join(REPO_ROOT, 'citizen-record.graphql'), 'utf8');

const COMPANY_SEARCH = `query CompanySearch($name: String!) {
  searchLegalEntities(name: $name, first: 5) { totalCount nodes { creditCode name status } }
}`;

const ELIGIBILITY = `query Eligibility($id: NationalId!) {
  person(nationalId: $id) {
    nationalId name maritalStatus
    householdRegistration { address }
    taxProfile { hasArrears years(last: 2) { year declaredIncome } }
    socialInsurance { pensionStatus monthlyPension }
    employment { since position }
  }
}`;

const COMPANY_COMPLAINTS = `query CompanyComplaints($code: CreditCode!) {
  legalEntity(creditCode: $code) {
    creditCode name status
    complaints(first: 5) { totalCount nodes { id status category } }
  }
}`;

export const FILE_COMPLAINT = `mutation FileComplaint($input: FileComplaintInput!) {
  fileComplaint(input: $input) { id status }
}`;

export const SUBMIT_APPLICATION = `mutation SubmitApplication($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { id status }
}`;

/** Picks people and companies of the seeded world, the same ones for the same `random`. */
export function worldPicker(world: World, random: () => number) {
  const pick = (count: number) => Math.floor(random() * count);
  return {
    nationalId: () => world.person(pick(world.peopleCount)).nationalId,
    creditCode: () => world.company(pick(world.companyCount)).creditCode,
    /** Two characters of a real company name: the search finds something. */
    nameFragment: () => {
      const name = world.company(pick(world.companyCount)).name;
      const at = pick(Math.max(1, name.length - 1));
      return name.slice(at, at + 2).padEnd(2, name.charAt(0));
    },
  };
}

/** A read of `kind`, with arguments from the world. */
export function planRead(
  kind: RequestKind,
  agencies: Record<'serviceDesk' | 'civilAffairs' | 'marketRegulator', AgencyCredentials>,
  picker: ReturnType<typeof worldPicker>,
): PlannedRequest {
  switch (kind) {
    case 'citizenRecord':
      return {
        kind,
        query: CITIZEN_RECORD,
        variables: { nationalId: picker.nationalId() },
        caller: agencies.serviceDesk,
      };
    case 'eligibility':
      return {
        kind,
        query: ELIGIBILITY,
        variables: { id: picker.nationalId() },
        caller: agencies.civilAffairs,
      };
    case 'companyComplaints':
      return {
        kind,
        query: COMPANY_COMPLAINTS,
        variables: { code: picker.creditCode() },
        caller: agencies.marketRegulator,
      };
    default:
      return {
        kind: 'companySearch',
        query: COMPANY_SEARCH,
        variables: { name: picker.nameFragment() },
      };
  }
}

/** A small deterministic generator (mulberry32), so a run's mix can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
