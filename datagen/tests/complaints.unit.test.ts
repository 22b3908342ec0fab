import { HANDLING_DEPARTMENTS } from '@govgraph/rules';
import { checkDateTime } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_SLOTS,
  COMPLAINTS_AS_OF,
  type Complaint,
  complaintOfSlot,
  complaintOfTicket,
  complaintSlotCount,
  complaintsOfCompany,
  complaintsOfPerson,
  createWorld,
} from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const people = [...world.persons()];
const byPerson = people.map((p) => complaintsOfPerson(world, p.index, p));
const complaints = byPerson.flat();

const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) -
  Number(birthDate.slice(0, 4)) -
  (birthDate.slice(5) > day.slice(5) ? 1 : 0);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (list: readonly Complaint[]) =>
  [...list].sort((a, b) => byCodePoint(b.filedAt, a.filedAt) || byCodePoint(a.id, b.id));

describe('citizen hotline complaints of the synthetic world', () => {
  it('are deterministic and random access: the same by index, by iteration and in another world of the seed', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    const filers = people.filter((p) => (byPerson[p.index] ?? []).length > 0).slice(0, 20);
    expect(filers.length).toBe(20);
    for (const p of filers) {
      expect(complaintsOfPerson(again, p.index)).toEqual(byPerson[p.index]);
    }
    const other = createWorld({ seed: 43, people: 20_000 });
    const otherComplaints = [...other.persons(0, 4_000)].flatMap((p) =>
      complaintsOfPerson(other, p.index, p),
    );
    const ours = new Set(byPerson.slice(0, 4_000).flatMap((list) => list.map((c) => c.id)));
    expect(otherComplaints.filter((c) => ours.has(c.id)).length).toBeLessThan(5);
  });

  it('number about one per 40 people, each person filing at most COMPLAINT_SLOTS', () => {
    expect(complaints.length).toBeGreaterThan(20_000 / 50);
    expect(complaints.length).toBeLessThan(20_000 / 32);
    expect(Math.max(...byPerson.map((list) => list.length))).toBeLessThanOrEqual(COMPLAINT_SLOTS);
    expect(complaintSlotCount(world)).toBe(20_000 * COMPLAINT_SLOTS);
  });

  it('are filed by adults alive and resident, against companies already established, in 2023 to the as-of day', () => {
    for (const c of complaints) {
      const complainant = world.person(c.complainantIndex);
      const company = world.company(c.companyIndex);
      const day = c.filedAt.slice(0, 10);
      expect(complainant.status).toBe('ALIVE');
      expect(ageOn(complainant.birthDate, day)).toBeGreaterThanOrEqual(18);
      expect(day >= company.established).toBe(true);
      expect(day >= '2023-01-01' && day <= COMPLAINTS_AS_OF).toBe(true);
      expect(checkDateTime(c.filedAt)).toEqual({ ok: true, value: c.filedAt });
      expect(c.filedAt.endsWith('+08:00')).toBe(true);
    }
    const years = new Set(complaints.map((c) => c.filedAt.slice(0, 4)));
    expect([...years].sort()).toEqual(['2023', '2024', '2025', '2026']);
    expect(new Set(complaints.map((c) => c.companyIndex)).size).toBeGreaterThan(
      complaints.length / 2,
    );
  });

  it('carry unique ticket numbers of the year filed, each leading back to its complaint', () => {
    const ids = complaints.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of complaints) {
      expect(c.id).toMatch(/^12345-20(23|24|25|26)-\d{6}$/);
      expect(c.id.slice(6, 10)).toBe(c.filedAt.slice(0, 4));
      expect(complaintOfTicket(world, c.id)).toEqual(c);
    }
    expect(complaintOfTicket(world, '12345-2019-000001')).toBeNull();
    expect(complaintOfTicket(world, '12345-2024-999999')).toBeNull();
    expect(complaintOfTicket(world, 'not a ticket')).toBeNull();
  });

  it('are mostly resolved; a closed complaint has its resolution and a later closing time, an open one neither', () => {
    const closed = complaints.filter((c) => c.status === 'RESOLVED' || c.status === 'REJECTED');
    expect(complaints.filter((c) => c.status === 'RESOLVED').length).toBeGreaterThan(
      complaints.length * 0.7,
    );
    expect(complaints.some((c) => c.status === 'REJECTED')).toBe(true);
    expect(complaints.some((c) => c.status === 'IN_PROGRESS')).toBe(true);
    for (const c of complaints) {
      const isClosed = closed.includes(c);
      expect(c.resolution !== null).toBe(isClosed);
      expect(c.resolvedAt !== null).toBe(isClosed);
      if (c.resolvedAt) {
        expect(checkDateTime(c.resolvedAt).ok).toBe(true);
        expect(c.resolvedAt > c.filedAt).toBe(true);
        expect(c.resolvedAt.slice(0, 10) <= COMPLAINTS_AS_OF).toBe(true);
      }
    }
  });

  it('are handled by the agency of their category, with a description the hotline would accept', () => {
    for (const c of complaints) {
      expect(c.handlingDepartment).toBe(HANDLING_DEPARTMENTS[c.category]);
      const length = [...c.description.trim()].length;
      expect(length).toBeGreaterThanOrEqual(10);
      expect(length).toBeLessThanOrEqual(2_000);
    }
    expect(new Set(complaints.map((c) => c.category)).size).toBe(8);
  });

  it('lists a person’s complaints newest first, from their own slots', () => {
    for (const p of people) {
      const list = byPerson[p.index] ?? [];
      expect(list).toEqual(newestFirst(list));
      const fromSlots = Array.from({ length: COMPLAINT_SLOTS }, (_, n) =>
        complaintOfSlot(world, p.index * COMPLAINT_SLOTS + n),
      ).filter((c): c is Complaint => c !== null);
      expect(list).toEqual(newestFirst(fromSlots));
      for (const c of list) expect(c.complainantIndex).toBe(p.index);
    }
  });

  it('finds exactly the complaints against each company, newest first, without a scan', () => {
    const expected = new Map<number, Complaint[]>();
    for (const c of complaints) {
      expected.set(c.companyIndex, [...(expected.get(c.companyIndex) ?? []), c]);
    }
    for (let j = 0; j < world.companyCount; j++) {
      expect(complaintsOfCompany(world, j)).toEqual(newestFirst(expected.get(j) ?? []));
    }
    expect(complaintsOfCompany(world, -1)).toEqual([]);
    expect(complaintsOfCompany(world, world.companyCount)).toEqual([]);
    expect(complaintsOfPerson(world, world.peopleCount)).toEqual([]);
  });
});
