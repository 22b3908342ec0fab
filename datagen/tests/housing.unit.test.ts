import { checkDate } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  buildingIndexOf,
  COUNTIES,
  certificateNumberOf,
  countyIndexOf,
  createWorld,
  HOUSING_AS_OF,
  homeTitle,
  maxTitleSerial,
  type RealEstateTitle,
  titleOfSerial,
  titlesOfBuilding,
  titlesOfCompany,
  titlesOfPerson,
} from '../src/index.js';

const world = createWorld({ seed: 42, people: 8_000 });
const households = Math.ceil(world.peopleCount / 4);
const bySerial = (titles: Iterable<RealEstateTitle>) =>
  [...titles].sort((a, b) => a.serial - b.serial);

const ownedByPeople = new Map<number, RealEstateTitle>();
for (let i = 0; i < world.peopleCount; i++) {
  for (const t of titlesOfPerson(world, i)) ownedByPeople.set(t.serial, t);
}
const ownedByCompanies = new Map<number, RealEstateTitle>();
for (let j = 0; j < world.companyCount; j++) {
  for (const t of titlesOfCompany(world, j)) ownedByCompanies.set(t.serial, t);
}
const inBuildings = Array.from({ length: world.buildingCount }, (_, k) =>
  titlesOfBuilding(world, k),
);
const all = inBuildings.flat();

describe('the real-estate registry of the synthetic world', () => {
  it('finds the same titles through owners as through buildings', () => {
    expect(bySerial(all)).toEqual(
      bySerial([...ownedByPeople.values(), ...ownedByCompanies.values()]),
    );
    const everySerial = Array.from({ length: maxTitleSerial(world) + 1 }, (_, s) =>
      titleOfSerial(world, s),
    ).filter((t) => t !== null);
    expect(everySerial).toEqual(bySerial(all));
    inBuildings.forEach((titles, k) => {
      for (const t of titles) expect(t.buildingIndex).toBe(k);
    });
  });

  it('lets every household own the unit of its registered address: the couple, the head, or the survivor', () => {
    const seen = { couple: 0, head: 0, survivor: 0 };
    for (let h = 0; h < households; h++) {
      const head = world.person(h * 4);
      const home = homeTitle(world, h);
      expect(home.buildingId).toBe(head.household.buildingId);
      expect(head.household.address).toBe(world.building(home.buildingIndex).address + home.unit);
      expect(home.unit).toMatch(/^[1-6]单元\d+0[1-4]室$/);
      expect(home.use).toBe('RESIDENTIAL');
      const owners = home.owners.map((o) => [o.kind, o.index, o.share]);
      if (head.spouseIndex !== null) {
        expect(owners).toEqual([
          ['PERSON', h * 4, '1/2'],
          ['PERSON', head.spouseIndex, '1/2'],
        ]);
        seen.couple++;
      } else if (head.status === 'DECEASED') {
        expect(world.person(h * 4 + 1).status).not.toBe('DECEASED');
        expect(owners).toEqual([['PERSON', h * 4 + 1, '1/1']]);
        seen.survivor++;
      } else {
        expect(owners).toEqual([['PERSON', h * 4, '1/1']]);
        seen.head++;
      }
    }
    expect(seen.couple).toBeGreaterThan(households / 2);
    expect(seen.head).toBeGreaterThan(0);
    expect(seen.survivor).toBeGreaterThan(0);
  });

  it("gives some adults a second home in a dwelling building other than their household's", () => {
    const second = all.filter((t) => t.kind === 'SECOND_HOME');
    expect(second.length).toBeGreaterThan(world.peopleCount * 0.02);
    for (const t of second) {
      const [owner] = t.owners;
      expect(owner?.kind).toBe('PERSON');
      const p = world.person(owner?.index ?? -1);
      expect(p.birthDate < '1996-01-01').toBe(true);
      expect(buildingIndexOf(p.household.buildingId)).not.toBe(t.buildingIndex);
      expect(['RESIDENTIAL', 'MIXED']).toContain(world.building(t.buildingIndex).use);
      // Rooms 05-08: never the unit of a household's address.
      expect(t.unit).toMatch(/^[1-6]单元\d+0[5-8]室$/);
    }
  });

  it('gives companies units only in commercial, mixed or industrial buildings, offices at their own address', () => {
    const owned = [...ownedByCompanies.values()];
    const offices = owned.filter((t) => t.kind === 'OFFICE');
    expect(offices.length).toBeGreaterThan(world.companyCount * 0.2);
    expect(owned.length).toBeGreaterThan(offices.length);
    for (const t of owned) {
      const [owner, ...others] = t.owners;
      expect(others).toEqual([]);
      expect(owner?.kind).toBe('COMPANY');
      expect(owner?.share).toBe('1/1');
      const company = world.company(owner?.index ?? -1);
      expect(owner).toMatchObject({ creditCode: company.creditCode });
      expect(company.status).not.toBe('CANCELLED');
      expect(['COMMERCIAL', 'MIXED', 'INDUSTRIAL']).toContain(world.building(t.buildingIndex).use);
      expect(t.registeredOn >= company.established).toBe(true);
    }
    for (const t of offices) {
      const company = world.company(t.owners[0]?.index ?? -1);
      expect(t.buildingId).toBe(company.buildingId);
      expect(company.address.endsWith(t.unit.replace(/\d+室$/, ''))).toBe(true);
    }
  });

  it('issues unique certificate numbers that name province, year, county and serial', () => {
    expect(new Set(all.map((t) => t.certificateNumber)).size).toBe(all.length);
    const abbreviations = new Map<string, Set<string>>();
    for (const t of all) {
      const { divisionCode } = world.building(t.buildingIndex);
      const county = COUNTIES[countyIndexOf(divisionCode) ?? -1]?.name;
      const abbreviation = t.certificateNumber.charAt(0);
      expect(t.certificateNumber).toBe(
        `${abbreviation}(${t.registeredOn.slice(0, 4)})${county}不动产权第${String(t.serial).padStart(7, '0')}号`,
      );
      const province = divisionCode.slice(0, 2);
      abbreviations.set(province, (abbreviations.get(province) ?? new Set()).add(abbreviation));
    }
    // One abbreviation per province, a different one for each.
    const each = [...abbreviations.values()].map((set) => [...set]);
    for (const set of each) expect(set).toHaveLength(1);
    expect(new Set(each.flat()).size).toBe(abbreviations.size);
    const chaoyang = { ...world.building(0), divisionCode: '110105' };
    expect(certificateNumberOf(chaoyang, '2019-06-30', 12_345)).toBe(
      '京(2019)朝阳区不动产权第0012345号',
    );
  });

  it('decodes any serial back to its title without a scan, and null for an unused one', () => {
    for (const t of all.filter((_, n) => n % 37 === 0))
      expect(titleOfSerial(world, t.serial)).toEqual(t);
    const used = new Set(all.map((t) => t.serial));
    const unused = Array.from({ length: 400 }, (_, n) => n).filter((s) => !used.has(s));
    expect(unused).toContain(0);
    expect(unused.length).toBeGreaterThan(1);
    expect(titleOfSerial(world, maxTitleSerial(world) + 1)).toBeNull();
    for (const s of unused) expect(titleOfSerial(world, s)).toBeNull();
  });

  it('registers titles on real dates between 2015 and the as-of day, after the building was built', () => {
    for (const t of all) {
      expect(checkDate(t.registeredOn).ok).toBe(true);
      expect(t.registeredOn >= '2015-01-01' && t.registeredOn <= HOUSING_AS_OF).toBe(true);
      expect(Number(t.registeredOn.slice(0, 4))).toBeGreaterThan(
        world.building(t.buildingIndex).builtYear,
      );
      expect(t.areaSquareMeters).toBeGreaterThan(0);
      expect(Math.round(t.areaSquareMeters * 100) / 100).toBe(t.areaSquareMeters);
    }
  });

  it('mortgages some titles and not others', () => {
    const mortgaged = all.filter((t) => t.mortgaged).length;
    expect(mortgaged).toBeGreaterThan(all.length * 0.2);
    expect(mortgaged).toBeLessThan(all.length * 0.6);
  });

  it('lists an owner oldest registration first and a building in serial order', () => {
    for (let i = 0; i < 400; i++) {
      const dates = titlesOfPerson(world, i).map((t) => t.registeredOn);
      expect(dates).toEqual([...dates].sort());
    }
    for (const titles of inBuildings) {
      expect(titles.map((t) => t.serial)).toEqual(bySerial(titles).map((t) => t.serial));
    }
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = createWorld({ seed: 42, people: 8_000 });
    expect(titlesOfBuilding(again, 17)).toEqual(inBuildings[17]);
    expect(titlesOfPerson(again, 1_234)).toEqual(titlesOfPerson(world, 1_234));
    const other = createWorld({ seed: 43, people: 8_000 });
    expect(homeTitle(other, 5).certificateNumber).not.toBe(homeTitle(world, 5).certificateNumber);
  });
});
