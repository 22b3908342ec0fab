// Social insurance and employment of the synthetic world: pure functions of (world, index).
// Who works where is a random-access bijection in both directions, so a company's staff is
// found without scanning the people (see `employeesOf`).
import { formatCents } from '@govgraph/schema';
import { INDUSTRIES } from '../names.js';
import { earliestDate, hash32, latestDate, Permutation, Rng, shiftYears } from '../random.js';
import type { Company, Person } from '../types.js';
import type { World } from '../world.js';

/** The day the world stands still for this department (the other registries end here too). */
export const SOCIAL_AS_OF = '2026-11-27';

/** The 24 contribution months on record, newest first: 2026-10 back to 2024-11. */
export const CONTRIBUTION_PERIODS: readonly string[] = Array.from({ length: 24 }, (_, n) =>
  periodOf(monthNumber('2026-10') - n),
);

export type PensionStatus = 'NOT_INSURED' | 'CONTRIBUTING' | 'SUSPENDED' | 'RECEIVING_PENSION';

/** A person's basic pension insurance record; people under 20 have none. */
export interface SocialRecord {
  personIndex: number;
  pensionStatus: PensionStatus;
  insuredSince: string | null;
  /** Money; only while receiving a pension. */
  monthlyPension: string | null;
  employment: SocialEmployment | null;
  /** Contributions in `CONTRIBUTION_PERIODS`, newest first. */
  contributions: SocialContribution[];
}

export interface SocialEmployment {
  employerIndex: number;
  since: string;
  position: string | null;
}

export interface SocialContribution {
  /** YYYY-MM. */
  period: string;
  /** Null for a flexibly employed person who pays alone. */
  employerIndex: number | null;
  /** Money: the monthly wage base, between the year's floor and ceiling. */
  contributionBase: string;
  /** Money: 24% of the base for employees (16% employer, 8% personal), 20% when paying alone. */
  amount: string;
}

const STREAM = 0x50c1a1;
const SALT = { track: 1, employment: 2, history: 3, wage: 4, accept: 100 } as const;
/** Draws of an employer per job seeker; with about half accepted, almost all find one. */
const ATTEMPTS = 12;
const MAX_WEIGHT = 4;
/** Average monthly wage of each contribution year (July to June): base floor 60%, ceiling 300%. */
const AVERAGE_WAGE: Record<number, number> = { 2024: 7_500, 2025: 7_800, 2026: 8_100 };
const LAST_PERIOD = monthNumber('2026-10');
const FIRST_PERIOD = LAST_PERIOD - 23;

const GENERAL_POSITIONS = ['会计', '出纳', '行政专员', '人力资源专员', '总经理'];
// Job titles by industry, in the order of INDUSTRIES.
const POSITIONS: readonly (readonly string[])[] = [
  ['软件工程师', '测试工程师', '产品经理', '运维工程师', '数据分析师'],
  ['销售代表', '采购专员', '仓库管理员', '门店店长', '客服专员'],
  ['施工员', '安全员', '造价工程师', '项目经理', '钢筋工'],
  ['厨师', '服务员', '店长', '面点师', '配送员'],
  ['货车司机', '分拣员', '调度员', '仓库管理员', '快递员'],
  ['销售代表', '质量管理员', '注册专员', '售后工程师', '库管员'],
  ['生产操作工', '质检员', '采购专员', '销售代表', '包装工'],
  ['平面设计师', '文案策划', '摄像师', '客户经理', '新媒体运营'],
  ['数控车工', '焊工', '装配钳工', '机械工程师', '质检员'],
  ['农艺师', '种植技术员', '农机手', '仓库管理员', '销售代表'],
];

/** What this department needs of a company; generating a whole company costs far more. */
interface CompanyFacts {
  /** Share of job seekers the company accepts: 0 (not ACTIVE) to MAX_WEIGHT. */
  weight: number;
  established: string;
  /** Index in INDUSTRIES, -1 when the scope is not one of them. */
  industry: number;
}

/** Per world: the attempts' permutations, and company facts filled on first use (a cache, not a scan). */
interface WorldFacts {
  perms: Permutation[];
  companies: (CompanyFacts | undefined)[];
}

const factsByWorld = new WeakMap<World, WorldFacts>();

function factsOf(world: World): WorldFacts {
  let facts = factsByWorld.get(world);
  if (!facts) {
    const n = world.peopleCount;
    const perms = Array.from(
      { length: ATTEMPTS },
      (_, k) =>
        new Permutation(n, hash32(world.seed, STREAM, k, 1) % n, hash32(world.seed, STREAM, k, 2)),
    );
    facts = { perms, companies: new Array(world.companyCount) };
    factsByWorld.set(world, facts);
  }
  return facts;
}

function companyFacts(world: World, j: number): CompanyFacts {
  const { companies } = factsOf(world);
  let facts = companies[j];
  if (!facts) {
    const company = world.company(j);
    facts = {
      weight: weightOf(company),
      established: company.established,
      industry: INDUSTRIES.findIndex(([, scope]) => scope === company.businessScope),
    };
    companies[j] = facts;
  }
  return facts;
}

// Bigger kinds of company take more of the job seekers that draw them.
function weightOf(company: Company): number {
  if (company.status !== 'ACTIVE') return 0;
  const capital = Number.parseFloat(company.registeredCapital);
  switch (company.kind) {
    case 'INDIVIDUAL_BUSINESS':
    case 'SOLE_PROPRIETORSHIP':
      return 1;
    case 'PARTNERSHIP':
    case 'FARMERS_COOPERATIVE':
      return 2;
    case 'JOINT_STOCK':
      return 4;
    case 'LIMITED_LIABILITY':
      return capital < 5_000_000 ? 2 : capital < 20_000_000 ? 3 : 4;
  }
}

/** Attempt k sends person i to the company whose share of the people range holds perm_k(i). */
const companyAtDraw = (world: World, y: number) =>
  Math.floor((y * world.companyCount) / world.peopleCount);

/** The first company that accepts person i as a job seeker, with the attempt that found it. */
function firstAccepting(world: World, i: number): { j: number; attempt: number } | null {
  const facts = factsOf(world);
  for (let k = 0; k < ATTEMPTS; k++) {
    const j = companyAtDraw(world, (facts.perms[k] as Permutation).apply(i));
    const u = hash32(world.seed, STREAM, i, SALT.accept + k) / 2 ** 32;
    if (u < companyFacts(world, j).weight / MAX_WEIGHT) return { j, attempt: k };
  }
  return null;
}

type Track = 'EMPLOYEE' | 'SELF_EMPLOYED' | 'OUT_OF_WORK' | 'RETIRED' | 'GONE';

/** Full years of age on SOCIAL_AS_OF. */
function ageOf(birthDate: string): number {
  const years = Number(SOCIAL_AS_OF.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return birthDate.slice(5) > SOCIAL_AS_OF.slice(5) ? years - 1 : years;
}

function trackOf(world: World, person: Person): Track | null {
  const age = ageOf(person.birthDate);
  if (age < 20) return null;
  if (person.status !== 'ALIVE') return 'GONE';
  if (age >= 60) return 'RETIRED';
  return new Rng(world.seed, STREAM, person.index, SALT.track).weighted<Track>([
    ['EMPLOYEE', 82],
    ['SELF_EMPLOYED', 8],
    ['OUT_OF_WORK', 10],
  ]);
}

/** The company person i currently works for (always ACTIVE), or null. */
export function employerOf(world: World, i: number, person = world.person(i)): number | null {
  if (trackOf(world, person) !== 'EMPLOYEE') return null;
  return firstAccepting(world, i)?.j ?? null;
}

/**
 * The people company j currently employs, ascending: exactly those whose `employerOf` is j.
 * Only the few people whose draws can land on j are generated: the preimages of j's share of
 * the range under each attempt's permutation.
 */
export function employeesOf(world: World, j: number): number[] {
  const facts = factsOf(world);
  if (companyFacts(world, j).weight === 0) return [];
  const n = world.peopleCount;
  const c = world.companyCount;
  const found: number[] = [];
  for (let k = 0; k < ATTEMPTS; k++) {
    const perm = facts.perms[k] as Permutation;
    for (let y = Math.floor((j * n) / c); y <= Math.ceil(((j + 1) * n) / c) && y < n; y++) {
      if (companyAtDraw(world, y) !== j) continue;
      // Counted at the attempt that placed i, so nobody is counted twice.
      const i = perm.invert(y);
      if (firstAccepting(world, i)?.attempt === k && trackOf(world, world.person(i)) === 'EMPLOYEE')
        found.push(i);
    }
  }
  return found.sort((a, b) => a - b);
}

/** Person i's social insurance record, or null when the agency holds none (under 20). */
export function socialRecordOf(
  world: World,
  i: number,
  person = world.person(i),
): SocialRecord | null {
  const track = trackOf(world, person);
  if (track === null) return null;
  const rng = new Rng(world.seed, STREAM, i, SALT.history);
  const birth = person.birthDate;
  const retirement = monthNumber(shiftYears(birth, 60));
  const insuredFrom = latestDate(shiftYears(birth, 18), '1995-01-01');
  const previous = rng.int(world.companyCount);
  const record: SocialRecord = {
    personIndex: i,
    pensionStatus: 'NOT_INSURED',
    insuredSince: null,
    monthlyPension: null,
    employment: null,
    contributions: [],
  };
  let worked: Month[] = [];
  // Months worked for a former employer: from insuredSince (and the employer's founding) to `to`.
  const formerJob = (to: number) => {
    const since = record.insuredSince ?? SOCIAL_AS_OF;
    const from = Math.max(
      monthNumber(since),
      monthNumber(companyFacts(world, previous).established),
    );
    return months(from, Math.min(to, retirement - 1), previous);
  };
  const employerIndex = track === 'EMPLOYEE' ? employerOf(world, i, person) : null;
  if (employerIndex !== null) {
    const employer = companyFacts(world, employerIndex);
    const since = rng.date(
      latestDate(insuredFrom, employer.established, '2000-01-01'),
      '2026-10-31',
    );
    record.pensionStatus = 'CONTRIBUTING';
    record.insuredSince = rng.date(insuredFrom, since);
    record.employment = { employerIndex, since, position: positionAt(rng, employer) };
    const started = monthNumber(since);
    const before =
      rng.chance(0.8) && previous !== employerIndex ? formerJob(started - 1 - rng.int(3)) : [];
    worked = [...months(started, LAST_PERIOD, employerIndex), ...before];
  } else if (track === 'SELF_EMPLOYED') {
    record.pensionStatus = 'CONTRIBUTING';
    record.insuredSince = rng.date(insuredFrom, '2026-10-31');
    worked = months(monthNumber(record.insuredSince), LAST_PERIOD, null);
  } else if (track === 'RETIRED' && rng.chance(0.88)) {
    record.pensionStatus = 'RECEIVING_PENSION';
    record.insuredSince = rng.date(insuredFrom, latestDate(insuredFrom, shiftYears(birth, 59)));
    const years = Math.floor(retirement / 12) - Number(record.insuredSince.slice(0, 4));
    record.monthlyPension = formatCents(
      (1_200 + 85 * years + rng.between(0, 2_000)) * 100 + rng.int(100),
    );
    worked = formerJob(LAST_PERIOD);
  } else if (
    (track === 'OUT_OF_WORK' && rng.chance(0.65)) ||
    (track === 'GONE' && rng.chance(0.7))
  ) {
    record.pensionStatus = 'SUSPENDED';
    const latest = earliestDate('2026-09-30', shiftYears(birth, 59));
    record.insuredSince = rng.date(insuredFrom, latestDate(insuredFrom, latest));
    const stopped = rng.date(record.insuredSince, latestDate(record.insuredSince, latest));
    worked = formerJob(monthNumber(stopped));
  }
  const wage = wageMultiplier(world, i);
  record.contributions = worked.map(({ period, employerIndex }) => {
    // People paying alone mostly choose the lowest base they may.
    const base = baseFor(period, employerIndex === null ? Math.min(wage, 0.6) : wage);
    const rate = employerIndex === null ? 20 : 24;
    return {
      period,
      employerIndex,
      contributionBase: formatCents(base * 100),
      amount: formatCents(base * rate),
    };
  });
  return record;
}

interface Month {
  period: string;
  employerIndex: number | null;
}

/** Months from..to (month numbers) inside the contribution window, newest first. */
function months(from: number, to: number, employerIndex: number | null): Month[] {
  const out: Month[] = [];
  for (let m = Math.min(to, LAST_PERIOD); m >= Math.max(from, FIRST_PERIOD); m--) {
    out.push({ period: periodOf(m), employerIndex });
  }
  return out;
}

function positionAt(rng: Rng, employer: CompanyFacts): string | null {
  if (rng.chance(0.05)) return null;
  const trade = POSITIONS[employer.industry] ?? GENERAL_POSITIONS;
  return rng.pick(rng.chance(0.8) ? trade : GENERAL_POSITIONS);
}

/** A person's wage against the average: mostly 0.45 to 1.55, a few well above. */
function wageMultiplier(world: World, i: number): number {
  const rng = new Rng(world.seed, STREAM, i, SALT.wage);
  return 0.45 + 1.1 * rng.next() + (rng.chance(0.12) ? 2 * rng.next() : 0);
}

/** Whole-yuan base of a month: the wage of its contribution year (from July), clamped. */
function baseFor(period: string, multiplier: number): number {
  const year = Number(period.slice(0, 4)) - (Number(period.slice(5)) < 7 ? 1 : 0);
  const average = AVERAGE_WAGE[year] ?? 8_100;
  const floor = Math.round(average * 0.6);
  return Math.min(Math.max(Math.round(average * multiplier), floor), average * 3);
}

function monthNumber(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function periodOf(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
