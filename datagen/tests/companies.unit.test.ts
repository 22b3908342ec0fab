import {
  CREDIT_CODE_ALPHABET,
  checkBuildingId,
  checkCreditCode,
  checkDate,
  checkDivisionCode,
  checkMoney,
} from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import { countyOf, countyPrefix, townOf } from '../src/divisions.js';
import { createWorld, organizationCheckChar } from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const buildings = [...world.buildings()];
const companies = [...world.companies()];
const KIND_DIGIT = {
  LIMITED_LIABILITY: '1',
  JOINT_STOCK: '1',
  SOLE_PROPRIETORSHIP: '1',
  PARTNERSHIP: '1',
  INDIVIDUAL_BUSINESS: '2',
  FARMERS_COOPERATIVE: '3',
} as const;

describe('buildings', () => {
  it('have unique, valid IDs: county code, B, the index + 1 as an 8-digit serial', () => {
    expect(new Set(buildings.map((b) => b.buildingId)).size).toBe(buildings.length);
    for (const b of buildings) {
      expect(checkBuildingId(b.buildingId)).toEqual({ ok: true, value: b.buildingId });
      expect(checkDivisionCode(b.divisionCode).ok).toBe(true);
      expect(b.buildingId).toBe(`${b.divisionCode}B${String(b.index + 1).padStart(8, '0')}`);
      expect(b.address).toMatch(new RegExp(`^${countyPrefix(countyOf(b.divisionCode))}.+\\d+号$`));
      expect(b.floors).toBeGreaterThanOrEqual(1);
      expect(b.builtYear).toBeGreaterThanOrEqual(1965);
      expect(b.builtYear).toBeLessThanOrEqual(2024);
    }
    expect(new Set(buildings.map((b) => b.use))).toEqual(
      new Set(['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'MIXED', 'PUBLIC']),
    );
  });

  it('write addresses without placeholder prefectures', () => {
    expect(countyPrefix(countyOf('110105'))).toBe('北京市朝阳区');
    expect(countyPrefix(countyOf('220104'))).toBe('吉林省长春市朝阳区');
    expect(countyPrefix(countyOf('500229'))).toBe('重庆市城口县');
    expect(countyPrefix(countyOf('429004'))).toBe('湖北省仙桃市');
    expect(townOf(countyOf('222401'))).toBe('延边');
    expect(townOf(countyOf('500229'))).toBe('重庆');
    expect(() => countyOf('441901')).toThrow(RangeError);
  });
});

describe('companies', () => {
  it('have unique, valid credit codes whose second character and county match the company', () => {
    expect(new Set(companies.map((c) => c.creditCode)).size).toBe(companies.length);
    const alphabet = new Set(CREDIT_CODE_ALPHABET);
    for (const c of companies) {
      expect(checkCreditCode(c.creditCode)).toEqual({ ok: true, value: c.creditCode });
      expect(c.creditCode.slice(0, 8)).toBe(`9${KIND_DIGIT[c.kind]}${c.divisionCode}`);
      expect(organizationCheckChar(c.creditCode.slice(8, 16))).toBe(c.creditCode.charAt(16));
      for (const ch of c.creditCode) expect(alphabet.has(ch)).toBe(true);
    }
  });

  it('compute the GB 11714 check character of an organization code', () => {
    // 3*1+7*2+9*3+10*4+5*5+8*6+4*7+2*8 = 201; 201 mod 11 = 3; 11 - 3 = 8.
    expect(organizationCheckChar('12345678')).toBe('8');
    // M=22, A=10: 66+70+0+0+0+0+0+0 = 136; 136 mod 11 = 4; 11 - 4 = 7.
    expect(organizationCheckChar('MA000000')).toBe('7');
    expect(organizationCheckChar('00000001')).toBe('9');
    expect(organizationCheckChar('00000000')).toBe('0');
    // The example of GB 11714-1997: D2143569-X.
    expect(organizationCheckChar('D2143569')).toBe('X');
  });

  it('are named after their place, with the suffix of their kind', () => {
    const suffix = {
      LIMITED_LIABILITY: '有限公司',
      JOINT_STOCK: '股份有限公司',
      SOLE_PROPRIETORSHIP: '商行',
      PARTNERSHIP: '企业（有限合伙）',
      INDIVIDUAL_BUSINESS: '经营部',
      FARMERS_COOPERATIVE: '专业合作社',
    } as const;
    for (const c of companies) {
      expect(c.name.startsWith(townOf(countyOf(c.divisionCode)))).toBe(true);
      expect(c.name.endsWith(suffix[c.kind])).toBe(true);
    }
    expect(new Set(companies.map((c) => c.kind)).size).toBe(6);
  });

  it('have valid capital and dates, established before 2026-11-28', () => {
    for (const c of companies) {
      expect(checkMoney(c.registeredCapital)).toEqual({ ok: true, value: c.registeredCapital });
      expect(c.registeredCapital).toMatch(/^\d+\.00$/);
      expect(checkDate(c.established).ok).toBe(true);
      expect(c.established < '2026-11-28').toBe(true);
      expect(c.businessScope.length).toBeGreaterThan(0);
    }
    expect(new Set(companies.map((c) => c.status))).toEqual(
      new Set(['ACTIVE', 'SUSPENDED', 'REVOKED', 'CANCELLED']),
    );
  });

  it('are registered in commercial, mixed or industrial buildings, at their address', () => {
    for (const c of companies) {
      const building = buildings[Number(c.buildingId.slice(7)) - 1];
      expect(building?.buildingId).toBe(c.buildingId);
      expect(['COMMERCIAL', 'MIXED', 'INDUSTRIAL']).toContain(building?.use);
      expect(c.divisionCode).toBe(building?.divisionCode);
      expect(c.address).toMatch(new RegExp(`^${building?.address}\\d{1,2}层$`));
    }
  });

  it('are represented by living adults born before 2000, some of whom represent several', () => {
    for (const c of companies) {
      const rep = world.person(c.representativeIndex);
      expect(rep.status).toBe('ALIVE');
      expect(rep.birthDate < '2000-01-01').toBe(true);
    }
    const reps = new Set(companies.map((c) => c.representativeIndex));
    expect(reps.size).toBeLessThan(companies.length);
    expect([...reps].some((i) => world.person(i).household.relationToHead === 'CHILD')).toBe(true);
  });

  it('are listed by companiesRepresentedBy for exactly their representative, ascending', () => {
    const expected = new Map<number, number[]>();
    for (const c of companies) {
      expected.set(c.representativeIndex, [
        ...(expected.get(c.representativeIndex) ?? []),
        c.index,
      ]);
    }
    for (let i = 0; i < world.peopleCount; i++) {
      expect(world.companiesRepresentedBy(i)).toEqual(expected.get(i) ?? []);
    }
    expect(Math.max(...[...expected.values()].map((js) => js.length))).toBeGreaterThanOrEqual(2);
  });

  it('fit even the smallest worlds: valid representatives and buildings of the right use', () => {
    for (const people of [1, 2, 3, 7, 13, 40]) {
      const small = createWorld({ seed: people, people });
      for (const c of small.companies()) {
        const rep = small.person(c.representativeIndex);
        expect(rep.status).toBe('ALIVE');
        expect(small.companiesRepresentedBy(rep.index)).toContain(c.index);
        const k = Number(c.buildingId.slice(7)) - 1;
        expect(['COMMERCIAL', 'MIXED', 'INDUSTRIAL']).toContain(small.building(k).use);
      }
      const home = Number(small.person(0).household.buildingId.slice(7)) - 1;
      expect(['RESIDENTIAL', 'MIXED']).toContain(small.building(home).use);
    }
  });
});
