import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@govgraph/schema';
import { buildingAt, buildingFor } from './buildings.js';
import { HOUSEHOLD_SIZE, type WorldCore } from './core.js';
import { countyOf, countyPrefix, townOf } from './divisions.js';
import { AUTHORITY_SUFFIX, BRANDS, INDUSTRIES } from './names.js';
import { personAt } from './people.js';
import { Rng, Stream } from './random.js';
import type { Company, CompanyKind, CompanyStatus } from './types.js';

const KINDS: readonly (readonly [CompanyKind, number])[] = [
  ['LIMITED_LIABILITY', 60],
  ['INDIVIDUAL_BUSINESS', 15],
  ['JOINT_STOCK', 8],
  ['SOLE_PROPRIETORSHIP', 7],
  ['PARTNERSHIP', 6],
  ['FARMERS_COOPERATIVE', 4],
];
const STATUSES: readonly (readonly [CompanyStatus, number])[] = [
  ['ACTIVE', 85],
  ['SUSPENDED', 3],
  ['REVOKED', 5],
  ['CANCELLED', 7],
];
// GB 32100 second character: 1 enterprise, 2 individual business, 3 farmers' cooperative.
const KIND_DIGIT: Record<CompanyKind, string> = {
  LIMITED_LIABILITY: '1',
  JOINT_STOCK: '1',
  SOLE_PROPRIETORSHIP: '1',
  PARTNERSHIP: '1',
  INDIVIDUAL_BUSINESS: '2',
  FARMERS_COOPERATIVE: '3',
};
const SUFFIX: Record<CompanyKind, string> = {
  LIMITED_LIABILITY: '有限公司',
  JOINT_STOCK: '股份有限公司',
  SOLE_PROPRIETORSHIP: '商行',
  PARTNERSHIP: '企业（有限合伙）',
  INDIVIDUAL_BUSINESS: '经营部',
  FARMERS_COOPERATIVE: '专业合作社',
};

/** GB 11714 check character of an 8-character organization code body. */
export function organizationCheckChar(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charAt(i);
    const value = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * (weights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function organizationCode(core: WorldCore, j: number): string {
  let serial = core.orgSerial.apply(j);
  let body = '';
  for (let n = 0; n < 6; n++) {
    body = CREDIT_CODE_ALPHABET.charAt(serial % 31) + body;
    serial = Math.floor(serial / 31);
  }
  // "MA" opens the codes issued since the 2015 reform.
  return `MA${body}${organizationCheckChar(`MA${body}`)}`;
}

const canRepresent = (core: WorldCore, i: number) => {
  if (i >= core.peopleCount) return false;
  const p = personAt(core, i);
  return p.status === 'ALIVE' && p.birthDate < '2000-01-01';
};

/**
 * The representative of company j. Each company maps to a household through a bijection;
 * every fifth company shares the previous one's representative, so some people represent
 * several companies. Usually a parent, sometimes a grown child; every household keeps a
 * living, resident parent born before 1986 (see `households.ts`), so one always qualifies.
 * Invertible: see `companiesRepresentedBy`.
 */
export function representativeOf(core: WorldCore, j: number): number {
  const primary = j % 5 === 4 ? j - 1 : j;
  const h = core.representativeHousehold.apply(primary % core.householdCount);
  const first = new Rng(core.seed, Stream.company, primary, 3).weighted([
    [0, 45],
    [1, 35],
    [2, 10],
    [3, 10],
  ]);
  const base = h * HOUSEHOLD_SIZE;
  for (const role of [first, 0, 1]) {
    if (canRepresent(core, base + role)) return base + role;
  }
  throw new Error(`household ${h} has no parent able to represent company ${j}`);
}

export function companiesRepresentedBy(core: WorldCore, i: number): number[] {
  const h = Math.floor(i / HOUSEHOLD_SIZE);
  const found: number[] = [];
  // Companies j, j + H, j + 2H ... all map to household h (only when there are more
  // companies than households, which a world of 10 people per company never has).
  for (
    let primary = core.representativeHousehold.invert(h);
    primary < core.companyCount;
    primary += core.householdCount
  ) {
    if (primary % 5 === 4) continue;
    for (const j of [primary, primary + 1]) {
      if (
        j < core.companyCount &&
        (j === primary || j % 5 === 4) &&
        representativeOf(core, j) === i
      )
        found.push(j);
    }
  }
  return found.sort((a, b) => a - b);
}

/** A company without its representative: all that its supervision records need. */
export function companyFacts(core: WorldCore, j: number): Omit<Company, 'representativeIndex'> {
  if (!Number.isInteger(j) || j < 0 || j >= core.companyCount) {
    throw new RangeError(`company ${j} is outside 0..${core.companyCount - 1}`);
  }
  const rng = new Rng(core.seed, Stream.company, j);
  const kind = rng.weighted(KINDS);
  const building = buildingAt(
    core,
    buildingFor(core, Stream.company, j, ['COMMERCIAL', 'MIXED', 'INDUSTRIAL']),
  );
  const [industry, scope] = rng.pick(INDUSTRIES);
  const capitalUnits = kind === 'INDIVIDUAL_BUSINESS' ? rng.between(1, 50) : rng.between(10, 5_000);
  const first17 = `9${KIND_DIGIT[kind]}${building.divisionCode}${organizationCode(core, j)}`;
  return {
    index: j,
    creditCode: first17 + creditCodeCheckChar(first17),
    name: `${townOf(countyOf(building.divisionCode))}${rng.pick(BRANDS)}${industry}${SUFFIX[kind]}`,
    kind,
    status: rng.weighted(STATUSES),
    established: rng.date('1995-01-01', '2026-10-31'),
    registeredCapital: `${capitalUnits * 10_000}.00`,
    businessScope: scope,
    divisionCode: building.divisionCode,
    address: `${building.address}${rng.between(1, building.floors)}层`,
    buildingId: building.buildingId,
  };
}

export function companyAt(core: WorldCore, j: number): Company {
  return { ...companyFacts(core, j), representativeIndex: representativeOf(core, j) };
}

/** The market regulator of a county, e.g. 北京市朝阳区市场监督管理局. */
export function authorityOf(divisionCode: string): string {
  return `${countyPrefix(countyOf(divisionCode))}${AUTHORITY_SUFFIX}`;
}
