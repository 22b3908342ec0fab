// The citizen hotline (12345) of the synthetic world: pure functions of (world, index).
// Every person has SLOTS complaint slots; slot s is a complaint when a keyed coin says so and
// the filing can have happened (an adult alive and resident, a company already established).
// Two bijections of the slot space give each slot its company and its ticket number, so the
// complaints against a company and the complaint of a ticket are found without a scan.
import { type ComplaintCategory, HANDLING_DEPARTMENTS } from '@govgraph/rules';
import { INDUSTRIES } from '../names.js';
import { dayNumber, hash32, isoDate, Permutation, Rng, shiftYears } from '../random.js';
import type { Company, Person } from '../types.js';
import type { World } from '../world.js';

/** The day the world stands still for this department (the other registries end here too). */
export const COMPLAINTS_AS_OF = '2026-11-27';
/** Years the hotline's records cover; each has its own run of ticket serials. */
export const COMPLAINT_YEARS: readonly number[] = [2023, 2024, 2025, 2026];

export type { ComplaintCategory } from '@govgraph/rules';
export type ComplaintStatus = 'RECEIVED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED';

export interface Complaint {
  /** Ticket number `12345-YYYY-NNNNNN`: the year filed and a serial unique within it. */
  id: string;
  complainantIndex: number;
  companyIndex: number;
  /** RFC 3339 in China Standard Time (+08:00), so the text sorts as the instant does. */
  filedAt: string;
  category: ComplaintCategory;
  description: string;
  status: ComplaintStatus;
  handlingDepartment: string;
  /** How it was closed; null while open. */
  resolution: string | null;
  /** When it was closed (resolved or rejected); null while open. */
  resolvedAt: string | null;
}

/** Complaints a person can have filed at most. */
export const COMPLAINT_SLOTS = 2;
// With ~90% of people adults alive and resident, about one complaint per 40 people.
const FILING_CHANCE = 0.016;
const STREAM = 0xc0a1a1;
const SALT = { filed: 1, company: 2, ticket: 3, details: 4 } as const;

interface Bijections {
  /** slot -> position in the company range: companies get equal shares of the positions. */
  company: Permutation;
  /** slot -> (year, serial). */
  ticket: Permutation;
  perYear: number;
  slots: number;
}

const bijectionsByWorld = new WeakMap<World, Bijections>();

function bijections(world: World): Bijections {
  let found = bijectionsByWorld.get(world);
  if (!found) {
    const slots = world.peopleCount * COMPLAINT_SLOTS;
    const constant = (salt: number, n: number) => hash32(world.seed, STREAM, n, salt);
    found = {
      company: new Permutation(slots, constant(SALT.company, 1), constant(SALT.company, 2)),
      ticket: new Permutation(slots, constant(SALT.ticket, 1), constant(SALT.ticket, 2)),
      perYear: Math.ceil(slots / COMPLAINT_YEARS.length),
      slots,
    };
    bijectionsByWorld.set(world, found);
  }
  return found;
}

/** The ticket number of a year and serial, as the hotline writes it. */
export function ticketNumber(year: number, serial: number): string {
  return `12345-${year}-${String(serial).padStart(6, '0')}`;
}

/** The company slot s is against (every slot has one, filed or not). */
function companyOfSlot(world: World, s: number): number {
  const { company, slots } = bijections(world);
  return Math.floor((company.apply(s) * world.companyCount) / slots);
}

/**
 * The complaint of slot s (person floor(s / COMPLAINT_SLOTS)), or null when the slot holds
 * none. `person` saves making the complainant again when the caller has them.
 */
export function complaintOfSlot(world: World, s: number, person?: Person): Complaint | null {
  const { ticket, perYear } = bijections(world);
  // The cheap coin first: only about one slot in sixty makes a person and a company.
  if (hash32(world.seed, STREAM, s, SALT.filed) / 2 ** 32 >= FILING_CHANCE) return null;
  const i = Math.floor(s / COMPLAINT_SLOTS);
  const complainant = person ?? world.person(i);
  if (complainant.status !== 'ALIVE') return null;
  const position = ticket.apply(s);
  const year = COMPLAINT_YEARS[Math.floor(position / perYear)] ?? 2026;
  const j = companyOfSlot(world, s);
  const company = world.company(j);
  const first = Math.max(
    dayNumber(`${year}-01-01`),
    dayNumber(shiftYears(complainant.birthDate, 18)),
    dayNumber(company.established),
  );
  const last = Math.min(dayNumber(`${year}-12-31`), dayNumber(COMPLAINTS_AS_OF));
  if (first > last) return null;
  const rng = new Rng(world.seed, STREAM, s, SALT.details);
  const filedDay = first + rng.int(last - first + 1);
  const filedAt = timestamp(filedDay, rng.int(86_400));
  const category = rng.weighted(categoryWeights(company));
  const age = dayNumber(COMPLAINTS_AS_OF) - filedDay;
  const status = rng.weighted<ComplaintStatus>(
    age < 1
      ? [['RECEIVED', 1]]
      : age < 15
        ? [
            ['RECEIVED', 35],
            ['IN_PROGRESS', 45],
            ['RESOLVED', 20],
          ]
        : age < 60
          ? [
              ['IN_PROGRESS', 25],
              ['RESOLVED', 65],
              ['REJECTED', 10],
            ]
          : [
              ['IN_PROGRESS', 2],
              ['RESOLVED', 88],
              ['REJECTED', 10],
            ],
  );
  const closed = status === 'RESOLVED' || status === 'REJECTED';
  // Closed on a working-hours instant 1 to 30 days after filing, never after the as-of day.
  const closedDay = filedDay + rng.between(1, Math.min(30, Math.max(1, age)));
  const closingSecond = 8 * 3600 + 30 * 60 + rng.int(9 * 3600);
  return {
    id: ticketNumber(year, (position % perYear) + 1),
    complainantIndex: i,
    companyIndex: j,
    filedAt,
    category,
    description: rng.pick(DESCRIPTIONS[category]),
    status,
    handlingDepartment: HANDLING_DEPARTMENTS[category],
    resolution: closed ? rng.pick(status === 'RESOLVED' ? RESOLUTIONS : REJECTIONS) : null,
    resolvedAt: closed ? timestamp(closedDay, closingSecond) : null,
  };
}

/** Complaints person i has filed, newest first (then by ticket number). */
export function complaintsOfPerson(world: World, i: number, person?: Person): Complaint[] {
  if (i < 0 || i >= world.peopleCount) return [];
  const found: Complaint[] = [];
  for (let n = 0; n < COMPLAINT_SLOTS; n++) {
    const complaint = complaintOfSlot(world, i * COMPLAINT_SLOTS + n, person);
    if (complaint) found.push(complaint);
  }
  return found.sort(newestFirst);
}

/**
 * Complaints against company j, newest first (then by ticket number): the slots whose
 * position falls in j's share of the range, found through the inverse bijection.
 */
export function complaintsOfCompany(world: World, j: number): Complaint[] {
  if (j < 0 || j >= world.companyCount) return [];
  const { company, slots } = bijections(world);
  const c = world.companyCount;
  const found: Complaint[] = [];
  for (
    let y = Math.floor((j * slots) / c);
    y < slots && y <= Math.ceil(((j + 1) * slots) / c);
    y++
  ) {
    if (Math.floor((y * c) / slots) !== j) continue;
    const complaint = complaintOfSlot(world, company.invert(y));
    if (complaint) found.push(complaint);
  }
  return found.sort(newestFirst);
}

/** The complaint of a ticket number, or null when the world holds none. */
export function complaintOfTicket(world: World, id: string): Complaint | null {
  const match = /^12345-(\d{4})-(\d{6,})$/.exec(id);
  if (!match) return null;
  const { ticket, perYear, slots } = bijections(world);
  const yearIndex = COMPLAINT_YEARS.indexOf(Number(match[1]));
  const serial = Number(match[2]);
  const position = yearIndex * perYear + serial - 1;
  if (yearIndex < 0 || serial < 1 || serial > perYear || position >= slots) return null;
  const complaint = complaintOfSlot(world, ticket.invert(position));
  return complaint?.id === id ? complaint : null;
}

/** Complaint slots of the whole world, for seeding in chunks: person i has COMPLAINT_SLOTS of them. */
export function complaintSlotCount(world: World): number {
  return bijections(world).slots;
}

// Code-point order, as both engines compare the text columns (localeCompare may skip the dashes).
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: Complaint, b: Complaint) =>
  byCodePoint(b.filedAt, a.filedAt) || byCodePoint(a.id, b.id);

/** `YYYY-MM-DDThh:mm:ss+08:00` of a day number and a second of that day. */
function timestamp(day: number, second: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`;
  return `${isoDate(day)}T${time}+08:00`;
}

const BASE_WEIGHTS: Readonly<Record<ComplaintCategory, number>> = {
  PRODUCT_QUALITY: 3,
  FOOD_SAFETY: 1,
  PRICING: 2,
  CONTRACT: 2,
  SERVICE: 3,
  ENVIRONMENT: 1,
  LABOUR: 2,
  OTHER: 1,
};

// What people complain about most for each trade, in the order of INDUSTRIES.
const TRADE_COMPLAINTS: readonly (readonly ComplaintCategory[])[] = [
  ['SERVICE', 'CONTRACT'],
  ['PRODUCT_QUALITY', 'PRICING'],
  ['CONTRACT', 'LABOUR', 'ENVIRONMENT'],
  ['FOOD_SAFETY', 'PRICING'],
  ['SERVICE', 'CONTRACT'],
  ['PRODUCT_QUALITY', 'PRICING'],
  ['FOOD_SAFETY', 'PRODUCT_QUALITY'],
  ['CONTRACT', 'SERVICE'],
  ['ENVIRONMENT', 'LABOUR'],
  ['PRODUCT_QUALITY', 'ENVIRONMENT'],
];

function categoryWeights(company: Company): [ComplaintCategory, number][] {
  const trade = INDUSTRIES.findIndex(([, scope]) => scope === company.businessScope);
  const favoured = TRADE_COMPLAINTS[trade] ?? [];
  return (Object.entries(BASE_WEIGHTS) as [ComplaintCategory, number][]).map(([category, w]) => [
    category,
    favoured.includes(category) ? w + 8 : w,
  ]);
}

const DESCRIPTIONS: Readonly<Record<ComplaintCategory, readonly string[]>> = {
  PRODUCT_QUALITY: [
    '购买的电热水壶使用不到一个月底座漏电，要求退货被商家拒绝。',
    '新买的羽绒服洗涤一次后严重跑绒，商家以人为损坏为由拒绝退换。',
    '购买的电动自行车电池续航远低于宣传，多次维修仍未解决。',
  ],
  FOOD_SAFETY: [
    '在该店购买的熟食有异味，食用后家人腹泻，要求商家赔偿。',
    '超市货架上的酸奶已过保质期仍在销售。',
    '外卖餐品中发现异物，商家拒绝处理。',
  ],
  PRICING: [
    '商品结账价格高于货架标价，要求退还差价。',
    '节假日期间商家临时大幅涨价且未明码标价。',
    '收费项目未事先告知，结账时被强制收取服务费。',
  ],
  CONTRACT: [
    '已预付的装修款项未按合同约定开工，要求退还预付款。',
    '办理的会员卡在商家停业后无法退款。',
    '商家擅自变更合同条款，拒绝按原约定履行。',
  ],
  SERVICE: [
    '维修人员未按约定时间上门，客服电话长期无人接听。',
    '快递包裹多次延误且外包装破损，商家不予处理。',
    '软件订阅到期后被自动续费，取消流程繁琐无法退订。',
  ],
  ENVIRONMENT: [
    '该企业夜间施工噪音严重，影响周边居民休息。',
    '厂区排放刺鼻气味，附近居民反映强烈。',
    '企业将生产废水直接排入附近河道。',
  ],
  LABOUR: [
    '公司拖欠本人三个月工资，多次催要未果。',
    '公司未依法为员工缴纳社会保险。',
    '公司要求员工长期加班且不支付加班费。',
  ],
  OTHER: [
    '企业在小区内违规张贴广告，多次清理后仍反复出现。',
    '商家占用人行道经营，影响行人通行。',
    '企业门前车辆乱停乱放，堵塞消防通道。',
  ],
};

const RESOLUTIONS = [
  '经调解，商家同意退货并退还全部货款，投诉人表示满意。',
  '已责令企业限期整改，复查合格，已向投诉人反馈。',
  '经调解双方达成和解，企业已赔偿投诉人损失。',
  '已立案调查并依法处理，处理结果已告知投诉人。',
];

const REJECTIONS = [
  '经核查，投诉事项证据不足，不予受理，已告知投诉人。',
  '投诉事项属于民事纠纷，已告知投诉人向人民法院起诉。',
  '投诉人无法提供有效联系方式及购物凭证，无法核实。',
];
