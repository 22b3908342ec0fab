import { authorityOf, companyFacts } from './companies.js';
import type { WorldCore } from './core.js';
import { countyOf, provinceAbbreviation, shortName } from './divisions.js';
import { Rng, Stream } from './random.js';
import type { AbnormalListing, DishonestyListing, Inspection, Penalty } from './types.js';

// Supervision records of a company, each drawn from the company's own record stream, so they
// are random access too. Dates fall between the company's establishment and 2026-11-27.
const LAST_DAY = '2026-11-27';
const RECORD = { inspection: 1, penalty: 2, abnormal: 3, dishonesty: 4 } as const;

// The four kinds of record of a company are usually asked for one after another.
const lastCompany = new WeakMap<WorldCore, ReturnType<typeof companyFacts>>();

function companyOf(core: WorldCore, j: number) {
  const last = lastCompany.get(core);
  if (last?.index === j) return last;
  const company = companyFacts(core, j);
  lastCompany.set(core, company);
  return company;
}

function recordRng(core: WorldCore, j: number, kind: number): Rng {
  return new Rng(core.seed, Stream.record, j, kind);
}

export function inspectionsOf(core: WorldCore, j: number): Inspection[] {
  const company = companyOf(core, j);
  const rng = recordRng(core, j, RECORD.inspection);
  const count = rng.int(7);
  return Array.from({ length: count }, (_, n) => {
    const result = rng.weighted<Inspection['result']>([
      ['PASSED', 75],
      ['ISSUES_FOUND', 20],
      ['FAILED', 5],
    ]);
    return {
      id: `INS-${j}-${n + 1}`,
      companyIndex: j,
      inspectedOn: rng.date(company.established, LAST_DAY),
      authority: authorityOf(company.divisionCode),
      result,
      findings:
        result === 'PASSED'
          ? '未发现问题'
          : rng.pick([
              '营业执照未在显著位置悬挂',
              '台账记录不完整',
              '部分商品未明码标价',
              '从业人员健康证明过期',
            ]),
    };
  }).sort((a, b) => a.inspectedOn.localeCompare(b.inspectedOn) || a.id.localeCompare(b.id));
}

export function penaltiesOf(core: WorldCore, j: number): Penalty[] {
  const rng = recordRng(core, j, RECORD.penalty);
  if (!rng.chance(0.2)) return [];
  const company = companyOf(core, j);
  const count = rng.between(1, 4);
  // 京朝市监罚〔2023〕118号: province and county abbreviations; the serial, derived from the
  // company and its (at most four) penalties, keeps decision numbers unique.
  const prefix = `${provinceAbbreviation(company.divisionCode)}${shortName(countyOf(company.divisionCode).name).charAt(0)}`;
  return Array.from({ length: count }, (_, n) => {
    const decidedOn = rng.date(company.established, LAST_DAY);
    const kind = rng.weighted<Penalty['kind']>([
      ['WARNING', 30],
      ['FINE', 50],
      ['CONFISCATION', 10],
      ['SUSPENSION', 7],
      ['LICENSE_REVOKED', 3],
    ]);
    return {
      id: `PEN-${j}-${n + 1}`,
      companyIndex: j,
      decisionNumber: `${prefix}市监罚〔${decidedOn.slice(0, 4)}〕${j * 4 + n + 1}号`,
      decidedOn,
      authority: authorityOf(company.divisionCode),
      violation: rng.pick([
        '虚假宣传',
        '销售不合格产品',
        '未按规定公示年度报告',
        '无照经营',
        '价格违法行为',
      ]),
      kind,
      amount:
        kind === 'FINE' || kind === 'CONFISCATION' ? `${rng.between(1, 500) * 1000}.00` : null,
    };
  }).sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.id.localeCompare(b.id));
}

export function abnormalListingsOf(core: WorldCore, j: number): AbnormalListing[] {
  const rng = recordRng(core, j, RECORD.abnormal);
  if (!rng.chance(0.05)) return [];
  const company = companyOf(core, j);
  return Array.from({ length: rng.between(1, 2) }, (_, n) => {
    const listedOn = rng.date(company.established, LAST_DAY);
    const removed = rng.chance(0.5);
    return {
      id: `ABN-${j}-${n + 1}`,
      companyIndex: j,
      listedOn,
      reason: rng.pick(['未按期公示年度报告', '通过登记的住所无法联系', '公示信息隐瞒真实情况']),
      authority: authorityOf(company.divisionCode),
      removedOn: removed ? rng.date(listedOn, LAST_DAY) : null,
      removalReason: removed ? '已补报年度报告并公示' : null,
    };
  }).sort((a, b) => b.listedOn.localeCompare(a.listedOn) || a.id.localeCompare(b.id));
}

export function dishonestyListingOf(core: WorldCore, j: number): DishonestyListing | null {
  const rng = recordRng(core, j, RECORD.dishonesty);
  if (!rng.chance(0.01)) return null;
  const company = companyOf(core, j);
  return {
    companyIndex: j,
    listedOn: rng.date(company.established, LAST_DAY),
    reason: rng.pick(['被列入经营异常名录届满3年仍未履行相关义务', '提交虚假材料取得市场主体登记']),
    authority: authorityOf(company.divisionCode),
  };
}
