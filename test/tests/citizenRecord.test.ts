import { readFileSync } from 'node:fs';
import {
  buildingIndexOf,
  complaintsOfPerson,
  personApplications,
  personTaxRecord,
  socialRecordOf,
  titlesOfPerson,
} from '@govgraph/datagen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// The document service-desk apps send, exactly as committed at the repository root.
const citizenRecord = readFileSync(
  new URL('../../citizen-record.graphql', import.meta.url),
  'utf8',
);

interface Record {
  person: {
    nationalId: string;
    name: string;
    birthDate: string;
    householdRegistration: { address: string; building: { buildingId: string; use: string } };
    spouse: { nationalId: string } | null;
    children: { nationalId: string }[];
    representedEntities: {
      totalCount: number;
      nodes: { creditCode: string; administrativePenalties: { totalCount: number } }[];
    };
    realEstate: { totalCount: number; nodes: { certificateNumber: string; mortgaged: boolean }[] };
    taxProfile: { arrears: string; years: { year: number; declaredIncome: string }[] } | null;
    socialInsurance: { pensionStatus: string; contributions: { totalCount: number } } | null;
    employment: { employer: { creditCode: string } } | null;
    complaintsFiled: {
      totalCount: number;
      nodes: { id: string; status: string; against: { creditCode: string } | null }[];
    } | null;
    applications: {
      totalCount: number;
      nodes: { id: string; status: string; reviews: { department: string; status: string }[] }[];
    } | null;
  };
}

describe('the citizen record in one query', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('returns every department’s part of a person’s record, as each department holds it', async () => {
    // Several kinds of person: company representatives (adults with companies, homes, tax and
    // insurance records) and a child (no companies, tax or employment).
    const people = [
      t.world.company(3).representativeIndex,
      t.world.company(10).representativeIndex,
      t.world.person(t.world.company(3).representativeIndex).childIndexes[0] ?? 2,
      // someone who filed a complaint with the hotline
      [...t.world.persons()].findIndex((p) => complaintsOfPerson(t.world, p.index).length > 0),
      // someone who filed an application with the approval platform
      [...t.world.persons()].findIndex((p) => personApplications(t.world, p.index).length > 0),
    ];
    expect(Math.min(...people)).toBeGreaterThanOrEqual(0);
    for (const i of people) {
      const p = t.world.person(i);
      const res = await t.query<Record>(citizenRecord, { nationalId: p.nationalId });
      expect(res.errors).toBeUndefined();
      const r = res.data?.person;
      if (!r) throw new Error(`no record for person ${i}`);

      // population
      expect([r.nationalId, r.name, r.birthDate]).toEqual([p.nationalId, p.name, p.birthDate]);
      expect(r.householdRegistration.address).toBe(p.household.address);
      expect(r.spouse?.nationalId ?? null).toBe(
        p.spouseIndex === null ? null : t.world.person(p.spouseIndex).nationalId,
      );
      expect(r.children.map((c) => c.nationalId).sort()).toEqual(
        p.childIndexes.map((c) => t.world.person(c).nationalId).sort(),
      );
      // housing, through population's household address
      const building = t.world.building(buildingIndexOf(p.household.buildingId));
      expect(r.householdRegistration.building).toMatchObject({
        buildingId: building.buildingId,
        use: building.use,
      });
      // market
      const companies = t.world.companiesRepresentedBy(i);
      expect(r.representedEntities.totalCount).toBe(companies.length);
      expect(r.representedEntities.nodes.map((e) => e.creditCode).sort()).toEqual(
        companies.map((j) => t.world.company(j).creditCode).sort(),
      );
      for (const entity of r.representedEntities.nodes) {
        const j = companies.find((c) => t.world.company(c).creditCode === entity.creditCode) ?? -1;
        expect(entity.administrativePenalties.totalCount).toBe(t.world.penalties(j).length);
      }
      // housing: titles held
      const titles = titlesOfPerson(t.world, i);
      expect(r.realEstate.totalCount).toBe(titles.length);
      expect(r.realEstate.nodes.map((n) => n.certificateNumber).sort()).toEqual(
        titles.map((title) => title.certificateNumber).sort(),
      );
      // tax
      const tax = personTaxRecord(t.world, i);
      expect(r.taxProfile === null).toBe(tax === null);
      if (tax && r.taxProfile) {
        expect(r.taxProfile.arrears).toBe(tax.arrears);
        expect(r.taxProfile.years).toEqual(
          tax.years
            .slice(0, 3)
            .map(({ year, declaredIncome }) => expect.objectContaining({ year, declaredIncome })),
        );
      }
      // social
      const social = socialRecordOf(t.world, i);
      expect(r.socialInsurance?.pensionStatus ?? null).toBe(social?.pensionStatus ?? null);
      expect(r.socialInsurance?.contributions.totalCount ?? 0).toBe(
        social?.contributions.length ?? 0,
      );
      expect(r.employment?.employer.creditCode ?? null).toBe(
        social?.employment ? t.world.company(social.employment.employerIndex).creditCode : null,
      );
      // complaints
      const complaints = complaintsOfPerson(t.world, i);
      expect(r.complaintsFiled?.totalCount).toBe(complaints.length);
      expect(
        r.complaintsFiled?.nodes
          .map((c) => ({ id: c.id, status: c.status, against: c.against?.creditCode }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(
        complaints
          .map((c) => ({
            id: c.id,
            status: c.status,
            against: t.world.company(c.companyIndex).creditCode,
          }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
      // approvals
      const applications = personApplications(t.world, i);
      expect(r.applications?.totalCount).toBe(applications.length);
      expect(
        r.applications?.nodes
          .map((a) => ({ id: a.id, status: a.status, reviews: a.reviews }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(
        applications
          .map((a) => ({
            id: a.id,
            status: a.status,
            reviews: a.reviews.map(({ department, status }) => ({ department, status })),
          }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
    }
  });
});
