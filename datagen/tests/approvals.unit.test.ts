import { REQUIRED_DEPARTMENTS, SITE_REQUIRED } from '@govgraph/rules';
import { checkBuildingId, checkDateTime } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  APPROVALS_AS_OF_TIME,
  type ApprovalApplication,
  companyApplications,
  createWorld,
  personApplications,
} from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const companies = [...world.companies()];
const people = [...world.persons()];
const byCompany = companies.map((c) => companyApplications(world, c.index, c));
const byPerson = people.map((p) => personApplications(world, p.index, p));
const all: ApprovalApplication[] = [...byCompany.flat(), ...byPerson.flat()];
const withStatus = (status: string) => all.filter((a) => a.status === status);

describe('applications of the parallel approval platform', () => {
  it('are deterministic and random access: the same by index, by iteration and in another world of the seed', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    for (const j of [0, 5, 777, 1_999]) {
      expect(companyApplications(again, j)).toEqual(byCompany[j]);
    }
    for (const i of [0, 13, 9_876, 19_999]) {
      expect(personApplications(again, i)).toEqual(byPerson[i]);
    }
    const other = createWorld({ seed: 43, people: 20_000 });
    const differs = [1, 2, 3, 4, 5, 6, 7, 8].some(
      (j) => JSON.stringify(companyApplications(other, j)) !== JSON.stringify(byCompany[j]),
    );
    expect(differs).toBe(true);
  });

  it('number about one per five companies, plus fewer by people', () => {
    const fromCompanies = byCompany.flat().length;
    const fromPeople = byPerson.flat().length;
    expect(fromCompanies / world.companyCount).toBeGreaterThan(0.15);
    expect(fromCompanies / world.companyCount).toBeLessThan(0.25);
    expect(fromPeople).toBeGreaterThan(world.peopleCount * 0.004);
    expect(fromPeople).toBeLessThan(fromCompanies);
    expect(byCompany.some((apps) => apps.length >= 2)).toBe(true);
  });

  it('have unique platform numbers that carry the day of submission', () => {
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    for (const a of all) {
      expect(a.id).toMatch(/^SP\d{8}-[CP]\d+-\d+$/);
      expect(a.id.slice(2, 10)).toBe(a.submittedAt.slice(0, 10).replaceAll('-', ''));
    }
  });

  it('are filed by active companies and by living adults, at their own buildings', () => {
    companies.forEach((c, j) => {
      for (const a of byCompany[j] ?? []) {
        expect(c.status).toBe('ACTIVE');
        expect(a.applicant).toEqual({ type: 'LEGAL_ENTITY', index: j, creditCode: c.creditCode });
        expect(a.siteBuildingId).toBe(c.buildingId);
        expect(a.submittedAt >= c.established).toBe(true);
      }
    });
    people.forEach((p, i) => {
      for (const a of byPerson[i] ?? []) {
        expect(p.status).toBe('ALIVE');
        expect(p.birthDate <= '2004-11-27').toBe(true);
        expect(a.applicant).toEqual({ type: 'PERSON', index: i, nationalId: p.nationalId });
        expect([null, p.household.buildingId]).toContain(a.siteBuildingId);
      }
    });
  });

  it('name a valid site whenever the kind requires one, and submission times in office hours', () => {
    for (const a of all) {
      if (SITE_REQUIRED.has(a.kind)) expect(a.siteBuildingId).not.toBeNull();
      if (a.siteBuildingId !== null) expect(checkBuildingId(a.siteBuildingId).ok).toBe(true);
      expect(checkDateTime(a.submittedAt).ok).toBe(true);
      expect(a.submittedAt.endsWith('+08:00')).toBe(true);
      expect(a.submittedAt.slice(11, 16) >= '08:30').toBe(true);
      expect(a.submittedAt.slice(11, 16) <= '17:29').toBe(true);
      expect(a.submittedAt < APPROVALS_AS_OF_TIME).toBe(true);
    }
    // An applicant's applications come oldest first.
    for (const apps of byCompany) {
      const times = apps.map((a) => a.submittedAt);
      expect(times).toEqual([...times].sort());
    }
  });

  it('open one review per required department, decided after submission and before the day ends', () => {
    for (const a of all) {
      expect(a.reviews.map((r) => r.department)).toEqual(REQUIRED_DEPARTMENTS[a.kind]);
      for (const r of a.reviews) {
        if (r.status === 'PENDING') {
          expect([r.decidedAt, r.comment, r.reviewerId]).toEqual([null, null, null]);
          continue;
        }
        const decidedAt = r.decidedAt ?? '';
        expect(checkDateTime(decidedAt).ok).toBe(true);
        expect(decidedAt > a.submittedAt).toBe(true);
        expect(decidedAt <= APPROVALS_AS_OF_TIME).toBe(true);
        expect(decidedAt.slice(11, 16) >= '09:00').toBe(true);
        expect(r.comment?.length).toBeGreaterThan(0);
        expect(r.reviewerId).toMatch(/^[A-Z]{2}\d{6}-\d{3}$/);
      }
    }
  });

  it('are APPROVED exactly when every review approved, decided with the last approval', () => {
    for (const a of all) {
      const approved = a.reviews.every((r) => r.status === 'APPROVED');
      expect(a.status === 'APPROVED').toBe(approved);
      if (!approved) continue;
      const last = a.reviews.map((r) => r.decidedAt ?? '').sort()[a.reviews.length - 1];
      expect(a.decidedAt).toBe(last);
    }
  });

  it('are REJECTED by one rejection; reviews that had not decided by then stay PENDING', () => {
    for (const a of withStatus('REJECTED')) {
      const rejections = a.reviews.filter((r) => r.status === 'REJECTED');
      expect(rejections).toHaveLength(1);
      expect(a.decidedAt).toBe(rejections[0]?.decidedAt);
      for (const r of a.reviews) {
        if (r.status === 'APPROVED') expect((r.decidedAt ?? '') <= (a.decidedAt ?? '')).toBe(true);
      }
    }
    expect(withStatus('REJECTED').some((a) => a.reviews.some((r) => r.status === 'PENDING'))).toBe(
      true,
    );
  });

  it('are PENDING while a review is open and none rejected, with no decision time', () => {
    for (const a of withStatus('PENDING')) {
      expect(a.decidedAt).toBeNull();
      expect(a.reviews.some((r) => r.status === 'PENDING')).toBe(true);
      expect(a.reviews.some((r) => r.status === 'REJECTED')).toBe(false);
    }
    expect(withStatus('PENDING').some((a) => a.reviews.some((r) => r.status === 'APPROVED'))).toBe(
      true,
    );
  });

  it('mix outcomes and kinds: mostly approved, some rejected and pending, every kind present', () => {
    const share = (status: string) => withStatus(status).length / all.length;
    expect(share('APPROVED')).toBeGreaterThan(0.6);
    expect(share('REJECTED')).toBeGreaterThan(0.03);
    expect(share('PENDING')).toBeGreaterThan(0.03);
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(Object.keys(REQUIRED_DEPARTMENTS)));
    expect(byPerson.flat().some((a) => a.siteBuildingId === null)).toBe(true);
  });
});
