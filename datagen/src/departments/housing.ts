// The real-estate registry of the synthetic world: pure functions of (world, index). Every title
// has a serial that encodes which kind of title it is and whose, so a title, a person's titles
// and a company's titles are each made without making any other (see `titleOfSerial`).
import { COUNTIES, countyIndexOf, provinceAbbreviation } from '../divisions.js';
import { hash32, latestDate, Permutation, Rng } from '../random.js';
import type { Building, BuildingUse, Company, Person } from '../types.js';
import type { World } from '../world.js';
import { buildingIndexOf, companiesIn, householdsIn } from './housingOccupants.js';

export { buildingIndexOf, companiesIn, householdsIn };

/** The day the world stands still for this department (the other registries end here too). */
export const HOUSING_AS_OF = '2026-11-27';
/** Unified real-estate certificates replaced the older house-ownership certificates in 2015. */
export const FIRST_CERTIFICATE_DATE = '2015-01-01';

export type UnitUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'OFFICE' | 'INDUSTRIAL';

/** The four kinds of title, in the order they interleave in the serials. */
export const TITLE_KINDS = ['HOME', 'SECOND_HOME', 'OFFICE', 'SHOP'] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];

export type TitleOwner =
  | { kind: 'PERSON'; index: number; nationalId: string; share: string }
  | { kind: 'COMPANY'; index: number; creditCode: string; share: string };

export interface RealEstateTitle {
  /** Unique, from 1; the number printed after 第 on the certificate: `4 × slot + kind + 1`. */
  serial: number;
  /** A household's home, a person's second home, a company's office, or its shop or workshop. */
  kind: TitleKind;
  /** E.g. 京(2019)朝阳区不动产权第0012345号. */
  certificateNumber: string;
  buildingIndex: number;
  buildingId: string;
  /** E.g. 3单元502室, 5层12室, 2号商铺. */
  unit: string;
  areaSquareMeters: number;
  use: UnitUse;
  registeredOn: string;
  mortgaged: boolean;
  /** Largest share first. */
  owners: TitleOwner[];
}

const STREAM = 0x40051e;
const SALT = { home: 1, secondHome: 2, office: 3, shop: 4 } as const;
/** Share of people drawn for a second home (about half of them qualify). */
const SECOND_HOME_RATE = 0.08;
/** Share of companies drawn for a shop or workshop (about a quarter of them qualify). */
const SHOP_RATE = 0.3;
const COMMERCIAL_USES: readonly BuildingUse[] = ['COMMERCIAL', 'MIXED', 'INDUSTRIAL'];
const DWELLING_USES: readonly BuildingUse[] = ['RESIDENTIAL', 'MIXED'];

/** Bijections that pick second-home owners and shop owners, made once per world. */
interface HousingPlan {
  secondHomeOwner: Permutation;
  secondHomeSlots: number;
  shopOwner: Permutation;
  shopSlots: number;
}

const plans = new WeakMap<World, HousingPlan>();

function planOf(world: World): HousingPlan {
  let plan = plans.get(world);
  if (!plan) {
    // Constants hashed from the whole seed, so that neighbouring seeds pick unrelated owners.
    const constant = (n: number) => hash32(world.seed, STREAM, n, 0xbeef);
    plan = {
      secondHomeOwner: new Permutation(world.peopleCount, constant(1), constant(2)),
      secondHomeSlots: Math.floor(world.peopleCount * SECOND_HOME_RATE),
      shopOwner: new Permutation(world.companyCount, constant(3), constant(4)),
      shopSlots: Math.floor(world.companyCount * SHOP_RATE),
    };
    plans.set(world, plan);
  }
  return plan;
}

export function certificateNumberOf(building: Building, registeredOn: string, serial: number) {
  const province = provinceAbbreviation(building.divisionCode);
  const county = COUNTIES[countyIndexOf(building.divisionCode) ?? -1]?.name ?? '';
  const year = registeredOn.slice(0, 4);
  return `${province}(${year})${county}不动产权第${String(serial).padStart(7, '0')}号`;
}

const area = (rng: Rng, min: number, max: number) => rng.between(min * 100, max * 100) / 100;
const person = (p: Person, share: string): TitleOwner => ({
  kind: 'PERSON',
  index: p.index,
  nationalId: p.nationalId,
  share,
});
const company = (c: Company): TitleOwner => ({
  kind: 'COMPANY',
  index: c.index,
  creditCode: c.creditCode,
  share: '1/1',
});

interface TitleFacts {
  building: Building;
  unit: string;
  use: UnitUse;
  areaSquareMeters: number;
  /** Earliest registration date; the title's date is drawn between it and HOUSING_AS_OF. */
  since: string;
  mortgageRate: number;
  owners: TitleOwner[];
}

function makeTitle(kind: TitleKind, slot: number, rng: Rng, facts: TitleFacts): RealEstateTitle {
  const serial = 4 * slot + TITLE_KINDS.indexOf(kind) + 1;
  const { building } = facts;
  const since = latestDate(facts.since, FIRST_CERTIFICATE_DATE, `${building.builtYear + 1}-01-01`);
  const registeredOn = rng.date(since, HOUSING_AS_OF);
  return {
    serial,
    kind,
    certificateNumber: certificateNumberOf(building, registeredOn, serial),
    buildingIndex: building.index,
    buildingId: building.buildingId,
    unit: facts.unit,
    areaSquareMeters: facts.areaSquareMeters,
    use: facts.use,
    registeredOn,
    mortgaged: rng.chance(facts.mortgageRate),
    owners: facts.owners,
  };
}

/**
 * The home of household h: the unit of its registered address, owned by the couple in equal
 * shares while both are alive and married, otherwise by the head alone, or by the head's
 * surviving partner once the head has died. Every household has one.
 */
export function homeTitle(world: World, h: number): RealEstateTitle {
  const head = world.person(h * 4);
  const building = world.building(buildingIndexOf(head.household.buildingId));
  const spouse = head.spouseIndex === null ? null : world.person(head.spouseIndex);
  const rng = new Rng(world.seed, STREAM, h, SALT.home);
  return makeTitle('HOME', h, rng, {
    building,
    // The household's address is the building's address followed by the unit.
    unit: head.household.address.slice(building.address.length),
    use: 'RESIDENTIAL',
    areaSquareMeters: area(rng, 45, 160),
    since: head.household.registeredOn,
    mortgageRate: 0.35,
    owners: spouse
      ? [person(head, '1/2'), person(spouse, '1/2')]
      : [person(soleOwner(world, head), '1/1')],
  });
}

// The partner (index + 1) inherits from a deceased head; datagen keeps a living parent per household.
function soleOwner(world: World, head: Person): Person {
  if (head.status !== 'DECEASED' || head.index + 1 >= world.peopleCount) return head;
  return world.person(head.index + 1);
}

/**
 * Second home slot s: its owner comes from a bijection over the people, its building is
 * `s mod buildingCount`, so both a person's and a building's second homes are found directly.
 * Null when the slot is unused (owner too young or gone, building not for dwelling, or the
 * owner's own building).
 */
export function secondHomeTitle(world: World, s: number): RealEstateTitle | null {
  const plan = planOf(world);
  if (s < 0 || s >= plan.secondHomeSlots) return null;
  const owner = world.person(plan.secondHomeOwner.apply(s));
  const k = s % world.buildingCount;
  const building = world.building(k);
  if (
    owner.status !== 'ALIVE' ||
    owner.birthDate >= '1996-01-01' ||
    !DWELLING_USES.includes(building.use) ||
    buildingIndexOf(owner.household.buildingId) === k
  ) {
    return null;
  }
  const rng = new Rng(world.seed, STREAM, s, SALT.secondHome);
  const unit = secondHomeUnit(world, building, Math.floor(s / world.buildingCount));
  return makeTitle('SECOND_HOME', s, rng, {
    building,
    unit,
    use: 'RESIDENTIAL',
    areaSquareMeters: area(rng, 35, 140),
    since: `${Number(owner.birthDate.slice(0, 4)) + 25}-01-01`,
    mortgageRate: 0.5,
    owners: [person(owner, '1/1')],
  });
}

// Rooms 05-08 of a floor: household addresses use 01-04, so the units never clash. The n-th
// second home of a building takes the n-th unit after an offset drawn for the building.
function secondHomeUnit(world: World, building: Building, n: number): string {
  const perEntrance = building.floors * 4;
  const units = 6 * perEntrance;
  const u = (new Rng(world.seed, STREAM, building.index, SALT.secondHome).int(units) + n) % units;
  const entrance = 1 + Math.floor(u / perEntrance);
  const floor = 1 + Math.floor((u % perEntrance) / 4);
  return `${entrance}单元${floor}0${5 + (u % 4)}室`;
}

/**
 * The office of company j, on the floor of its registered address, for about half of the
 * companies still in business whose building is commercial, mixed or industrial.
 */
export function officeTitle(world: World, j: number): RealEstateTitle | null {
  const owner = world.company(j);
  const building = world.building(buildingIndexOf(owner.buildingId));
  const rng = new Rng(world.seed, STREAM, j, SALT.office);
  if (owner.status === 'CANCELLED' || !COMMERCIAL_USES.includes(building.use) || !rng.chance(0.5)) {
    return null;
  }
  const floor = owner.address.slice(building.address.length);
  const industrial = building.use === 'INDUSTRIAL';
  return makeTitle('OFFICE', j, rng, {
    building,
    unit: `${floor}${String(rng.between(1, 40)).padStart(2, '0')}室`,
    use: industrial ? 'INDUSTRIAL' : 'OFFICE',
    areaSquareMeters: industrial ? area(rng, 500, 5_000) : area(rng, 60, 1_200),
    since: owner.established,
    mortgageRate: 0.25,
    owners: [company(owner)],
  });
}

/**
 * Shop or workshop slot t: owner from a bijection over the companies, building
 * `t mod buildingCount`; null unless that building is commercial, mixed or industrial and the
 * company is still in business.
 */
export function shopTitle(world: World, t: number): RealEstateTitle | null {
  const plan = planOf(world);
  if (t < 0 || t >= plan.shopSlots) return null;
  const owner = world.company(plan.shopOwner.apply(t));
  const building = world.building(t % world.buildingCount);
  if (owner.status === 'CANCELLED' || !COMMERCIAL_USES.includes(building.use)) return null;
  const rng = new Rng(world.seed, STREAM, t, SALT.shop);
  const industrial = building.use === 'INDUSTRIAL';
  const n = 1 + Math.floor(t / world.buildingCount);
  return makeTitle('SHOP', t, rng, {
    building,
    unit: industrial ? `${n}号厂房` : `${n}号商铺`,
    use: industrial ? 'INDUSTRIAL' : 'COMMERCIAL',
    areaSquareMeters: industrial ? area(rng, 300, 3_000) : area(rng, 20, 300),
    since: owner.established,
    mortgageRate: 0.25,
    owners: [company(owner)],
  });
}

/** The largest serial a title can have: walking `1..maxTitleSerial` with `titleOfSerial` visits every title once. */
export function maxTitleSerial(world: World): number {
  const plan = planOf(world);
  const slots = Math.max(
    Math.ceil(world.peopleCount / 4),
    plan.secondHomeSlots,
    world.companyCount,
    plan.shopSlots,
  );
  return 4 * slots;
}

/** The title with this serial, or null when the serial names an unused slot. */
export function titleOfSerial(world: World, serial: number): RealEstateTitle | null {
  if (!Number.isInteger(serial) || serial < 1) return null;
  const slot = Math.floor((serial - 1) / 4);
  switch (TITLE_KINDS[(serial - 1) % 4]) {
    case 'HOME':
      return slot < Math.ceil(world.peopleCount / 4) ? homeTitle(world, slot) : null;
    case 'SECOND_HOME':
      return secondHomeTitle(world, slot);
    case 'OFFICE':
      return slot < world.companyCount ? officeTitle(world, slot) : null;
    default:
      return shopTitle(world, slot);
  }
}

// Owners list their titles oldest registration first, as the registry does.
const byRegistration = (a: RealEstateTitle, b: RealEstateTitle) =>
  a.registeredOn.localeCompare(b.registeredOn) || a.serial - b.serial;

/** Titles person i holds a share of: the household home (head and spouse) and a second home. */
export function titlesOfPerson(world: World, i: number): RealEstateTitle[] {
  const titles: RealEstateTitle[] = [];
  const p = world.person(i);
  if (p.household.relationToHead !== 'CHILD') {
    const home = homeTitle(world, Math.floor(i / 4));
    if (home.owners.some((o) => o.kind === 'PERSON' && o.index === i)) titles.push(home);
  }
  const second = secondHomeTitle(world, planOf(world).secondHomeOwner.invert(i));
  if (second) titles.push(second);
  return titles.sort(byRegistration);
}

/** Titles company j owns: its office and a shop or workshop, each where it has one. */
export function titlesOfCompany(world: World, j: number): RealEstateTitle[] {
  const titles = [officeTitle(world, j), shopTitle(world, planOf(world).shopOwner.invert(j))];
  return titles.filter((t): t is RealEstateTitle => t !== null).sort(byRegistration);
}

/**
 * Every title in building k, in serial order: its households' homes and its companies'
 * offices (found through `householdsIn`/`companiesIn`), and the second homes and shops whose
 * slots fall on it.
 */
export function titlesOfBuilding(world: World, k: number): RealEstateTitle[] {
  const plan = planOf(world);
  const slots = (count: number) =>
    Array.from(
      { length: Math.max(0, Math.ceil((count - k) / world.buildingCount)) },
      (_, n) => k + n * world.buildingCount,
    );
  const titles = [
    ...householdsIn(world, k).map((h) => homeTitle(world, h)),
    ...companiesIn(world, k).map((j) => officeTitle(world, j)),
    ...slots(plan.secondHomeSlots).map((s) => secondHomeTitle(world, s)),
    ...slots(plan.shopSlots).map((t) => shopTitle(world, t)),
  ];
  return titles.filter((t): t is RealEstateTitle => t !== null).sort((a, b) => a.serial - b.serial);
}
