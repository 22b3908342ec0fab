// The parallel approval platform of the synthetic world: pure functions of (world, index). A
// company's or a person's applications are drawn from their own stream, so any applicant's
// applications are made without making anyone else's, and their IDs are unique by construction.
import { type ApplicationKind, REQUIRED_DEPARTMENTS, type ReviewDepartment } from '@govgraph/rules';
import { dayNumber, isoDate, Rng } from '../random.js';
import type { Company, Person } from '../types.js';
import type { World } from '../world.js';

/** The day the world stands still for this department (the other registries end here too). */
export const APPROVALS_AS_OF = '2026-11-27';
/** The platform's clock at the end of that day: reviews not decided by then are PENDING. */
export const APPROVALS_AS_OF_TIME = `${APPROVALS_AS_OF}T18:00:00+08:00`;

export type { ApplicationKind, ReviewDepartment } from '@govgraph/rules';
export type DecisionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** One required department's review of an application. */
export interface ApprovalReview {
  department: ReviewDepartment;
  /**
   * PENDING until the department decides. A review still PENDING when another department
   * rejected the application stays PENDING: the application is closed and it is never decided.
   */
  status: DecisionStatus;
  /** DateTime (+08:00); null while PENDING. */
  decidedAt: string | null;
  /** Null while PENDING. */
  comment: string | null;
  /** The deciding official; null while PENDING. */
  reviewerId: string | null;
}

export type ApprovalApplicant =
  | { type: 'PERSON'; index: number; nationalId: string }
  | { type: 'LEGAL_ENTITY'; index: number; creditCode: string };

export interface ApprovalApplication {
  /** Platform number, e.g. `SP20250314-C1234-1` (unique by applicant and sequence). */
  id: string;
  applicant: ApprovalApplicant;
  kind: ApplicationKind;
  siteBuildingId: string | null;
  /** APPROVED when every review approved, REJECTED from the first rejection, else PENDING. */
  status: DecisionStatus;
  /** DateTime (+08:00). */
  submittedAt: string;
  /** When the outcome was decided; null while PENDING. */
  decidedAt: string | null;
  /** One per required department, in the order of REQUIRED_DEPARTMENTS. */
  reviews: ApprovalReview[];
}

const STREAM = 0xa9901;
const SALT = { company: 1, person: 2, application: 10 } as const;
/** Minutes in an hour and in a day: the platform keeps time to the minute. */
const HOUR = 60;
const DAY = 24 * 60;
const AS_OF_MINUTE = minuteOf(APPROVALS_AS_OF_TIME);
/** Applications on record were submitted from this day on. */
const FIRST_DAY = '2024-01-01';

// Weights per kind, for companies and for people (individual businesses, self-built homes).
const COMPANY_KINDS: readonly (readonly [ApplicationKind, number])[] = [
  ['BUSINESS_LICENSE', 30],
  ['FOOD_BUSINESS_LICENSE', 20],
  ['CONSTRUCTION_PERMIT', 10],
  ['FIRE_SAFETY_INSPECTION', 25],
  ['OUTDOOR_ADVERTISING', 15],
];
const PERSON_KINDS: readonly (readonly [ApplicationKind, number])[] = [
  ['BUSINESS_LICENSE', 50],
  ['FOOD_BUSINESS_LICENSE', 25],
  ['CONSTRUCTION_PERMIT', 20],
  ['OUTDOOR_ADVERTISING', 5],
];

/** Chance that a department rejects; building and fire safety are the strictest. */
const REJECTION: Record<ReviewDepartment, number> = {
  MARKET_REGULATION: 0.04,
  FIRE_SERVICE: 0.08,
  HOUSING_CONSTRUCTION: 0.07,
  ECOLOGY_ENVIRONMENT: 0.05,
  URBAN_MANAGEMENT: 0.06,
  HEALTH: 0.05,
};

/** Prefix of the officials' IDs of each department (pinyin initials). */
const OFFICIAL_PREFIX: Record<ReviewDepartment, string> = {
  MARKET_REGULATION: 'SJ',
  FIRE_SERVICE: 'XF',
  HOUSING_CONSTRUCTION: 'ZJ',
  ECOLOGY_ENVIRONMENT: 'HB',
  URBAN_MANAGEMENT: 'CG',
  HEALTH: 'WJ',
};

const APPROVED_COMMENTS: Record<ReviewDepartment, readonly string[]> = {
  MARKET_REGULATION: ['材料齐全，符合法定形式，准予许可', '经营范围核定无误，同意'],
  FIRE_SERVICE: ['消防设施符合规范，同意', '疏散通道及安全出口符合要求，准予通过'],
  HOUSING_CONSTRUCTION: ['施工图审查合格，同意', '结构安全符合要求，准予许可'],
  ECOLOGY_ENVIRONMENT: ['环境影响符合要求，同意', '污染防治措施可行，同意'],
  URBAN_MANAGEMENT: ['符合规划及市容要求，同意', '设置位置符合规划，准予许可'],
  HEALTH: ['卫生条件符合要求，同意', '从业人员健康证明齐全，同意'],
};

const REJECTED_COMMENTS: Record<ReviewDepartment, readonly string[]> = {
  MARKET_REGULATION: ['申请材料不齐全，请补正后重新申请', '经营场所与登记住所不一致'],
  FIRE_SERVICE: ['疏散通道宽度不足，不予许可', '未按规范设置自动喷水灭火系统'],
  HOUSING_CONSTRUCTION: ['施工图审查未通过', '建设用地规划许可证缺失'],
  ECOLOGY_ENVIRONMENT: ['未提交环境影响评价文件', '排污设施不符合要求'],
  URBAN_MANAGEMENT: ['设置位置不符合户外广告设置规划', '影响市容环境，不予许可'],
  HEALTH: ['加工场所布局不符合卫生要求', '从业人员未取得健康证明'],
};

/**
 * The applications of company j, oldest first; only ACTIVE companies apply (about 1 in 5).
 * `company` saves making company j again when the caller has it; it is made only when needed.
 */
export function companyApplications(
  world: World,
  j: number,
  company?: Company,
): ApprovalApplication[] {
  const rng = new Rng(world.seed, STREAM, j, SALT.company);
  const count = rng.weighted([
    [0, 80],
    [1, 16],
    [2, 3],
    [3, 1],
  ]);
  if (count === 0) return [];
  const c = company ?? world.company(j);
  if (c.status !== 'ACTIVE') return [];
  const applicant: ApprovalApplicant = { type: 'LEGAL_ENTITY', index: j, creditCode: c.creditCode };
  const since = c.established > FIRST_DAY ? c.established : FIRST_DAY;
  return build(`C${j}`, count, (n) => {
    const draw = new Rng(world.seed, STREAM, j, SALT.application * 100 + n);
    return {
      applicant,
      kind: draw.weighted(COMPANY_KINDS),
      site: c.buildingId,
      since,
      rng: draw,
    };
  });
}

/**
 * The applications of person i, oldest first: about 1 in 100 adults alive and resident file one
 * (an individual business, a food stall, a self-built home). `person` is made only when needed.
 */
export function personApplications(
  world: World,
  i: number,
  person?: Person,
): ApprovalApplication[] {
  const rng = new Rng(world.seed, STREAM, i, SALT.person);
  if (!rng.chance(0.01)) return [];
  const p = person ?? world.person(i);
  if (p.status !== 'ALIVE' || p.birthDate > '2004-11-27') return [];
  const applicant: ApprovalApplicant = { type: 'PERSON', index: i, nationalId: p.nationalId };
  return build(`P${i}`, 1, (n) => {
    const draw = new Rng(world.seed, STREAM, i, SALT.application * 100 + 50 + n);
    const kind = draw.weighted(PERSON_KINDS);
    // An individual business may be registered online without premises; the others are places.
    const site = kind === 'BUSINESS_LICENSE' && draw.chance(0.5) ? null : p.household.buildingId;
    return { applicant, kind, site, since: FIRST_DAY, rng: draw };
  });
}

interface Draft {
  applicant: ApprovalApplicant;
  kind: ApplicationKind;
  site: string | null;
  since: string;
  rng: Rng;
}

/** Drafts submitted oldest first, numbered in that order: the number makes the ID unique. */
function build(tag: string, count: number, draft: (n: number) => Draft): ApprovalApplication[] {
  const drafts = Array.from({ length: count }, (_, n) => {
    const d = draft(n);
    return { ...d, submitted: submissionMinute(d.rng, d.since) };
  }).sort((a, b) => a.submitted - b.submitted);
  return drafts.map((d, n) =>
    application(d, d.submitted, `SP${compact(d.submitted)}-${tag}-${n + 1}`),
  );
}

/** Working hours of a day since `since`; a sixth of the applications are from the last month. */
function submissionMinute(rng: Rng, since: string): number {
  const last = dayNumber(APPROVALS_AS_OF);
  const first = Math.min(last, dayNumber(since));
  const recent = Math.max(first, last - 30);
  const day = rng.chance(1 / 6) ? rng.between(recent, last) : rng.between(first, last);
  // 08:30 to 17:29, and never after the platform's clock.
  return Math.min(day * DAY + 8 * HOUR + 30 + rng.int(9 * HOUR), AS_OF_MINUTE - 1);
}

function application(d: Draft, submitted: number, id: string): ApprovalApplication {
  const { rng } = d;
  const division = (d.site ?? '').slice(0, 6) || '000000';
  const departments = REQUIRED_DEPARTMENTS[d.kind];
  const drawn = departments.map((department) => ({
    department,
    at: decisionMinute(rng, submitted),
    rejects: rng.chance(REJECTION[department]),
    official: `${OFFICIAL_PREFIX[department]}${division}-${String(rng.between(1, 40)).padStart(3, '0')}`,
    comment: rng.pick(APPROVED_COMMENTS[department]),
    rejection: rng.pick(REJECTED_COMMENTS[department]),
  }));
  // The first rejection decides the application; reviews that would have come later never do.
  const decided = drawn.filter((r) => r.at <= AS_OF_MINUTE).sort((a, b) => a.at - b.at);
  const firstRejection = decided.find((r) => r.rejects);
  const closedAt = firstRejection?.at ?? Number.POSITIVE_INFINITY;
  const reviews = drawn.map((r): ApprovalReview => {
    if (r.at > AS_OF_MINUTE || r.at > closedAt) {
      return {
        department: r.department,
        status: 'PENDING',
        decidedAt: null,
        comment: null,
        reviewerId: null,
      };
    }
    const rejected = r === firstRejection;
    return {
      department: r.department,
      status: rejected ? 'REJECTED' : 'APPROVED',
      decidedAt: dateTime(r.at),
      comment: rejected ? r.rejection : r.comment,
      reviewerId: r.official,
    };
  });
  const allApproved = reviews.every((r) => r.status === 'APPROVED');
  const status: DecisionStatus = firstRejection ? 'REJECTED' : allApproved ? 'APPROVED' : 'PENDING';
  const decidedAt = firstRejection
    ? dateTime(firstRejection.at)
    : allApproved
      ? dateTime(Math.max(...drawn.map((r) => r.at)))
      : null;
  return {
    id,
    applicant: d.applicant,
    kind: d.kind,
    siteBuildingId: d.site,
    status,
    submittedAt: dateTime(submitted),
    decidedAt,
    reviews,
  };
}

/**
 * Each department decides on its own schedule, in office hours (09:00 to 17:29) of the day of
 * submission or one of the twenty after, and at least half an hour after submission.
 */
function decisionMinute(rng: Rng, submitted: number): number {
  const day = Math.floor(submitted / DAY) + rng.int(21);
  const at = day * DAY + 9 * HOUR + rng.int(8 * HOUR + 30);
  return at < submitted + 30 ? at + DAY : at;
}

/** Minutes since 1970-01-01 00:00 in UTC+8 of a `YYYY-MM-DDTHH:MM:SS+08:00` timestamp. */
function minuteOf(time: string): number {
  return (
    dayNumber(time.slice(0, 10)) * DAY +
    Number(time.slice(11, 13)) * 60 +
    Number(time.slice(14, 16))
  );
}

/** A platform timestamp: local time in China (UTC+8), to the minute. */
function dateTime(minute: number): string {
  const day = Math.floor(minute / DAY);
  const inDay = minute - day * DAY;
  const hh = String(Math.floor(inDay / 60)).padStart(2, '0');
  const mm = String(inDay % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00+08:00`;
}

function compact(minute: number): string {
  return isoDate(Math.floor(minute / DAY)).replaceAll('-', '');
}
