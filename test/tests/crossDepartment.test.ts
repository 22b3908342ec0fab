import { ENGINES, firstError, firstErrorCode } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

interface Entity {
  name: string;
  creditCode: string;
  legalRepresentative: { name: string; nationalId: string } | null;
}

describe.each(ENGINES)('the hub across departments on %s', (engine) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(engine);
  });
  afterAll(async () => {
    await t?.stop();
  });

  // A person who represents at least one company, so the query crosses both departments.
  const representative = () => {
    const company = t.world.company(3);
    return t.world.person(company.representativeIndex);
  };

  it('joins a person to the companies they represent and back to the representative', async () => {
    const person = representative();
    const res = await t.query<{
      person: { name: string; representedEntities: { totalCount: number; nodes: Entity[] } };
    }>(
      `query($id: NationalId!) { person(nationalId: $id) {
        name
        representedEntities { totalCount nodes { name creditCode legalRepresentative { name nationalId } } }
      } }`,
      { id: person.nationalId },
    );
    expect(res.errors).toBeUndefined();
    const expected = t.world.companiesRepresentedBy(person.index).map((j) => t.world.company(j));
    expect(res.data?.person.name).toBe(person.name);
    expect(res.data?.person.representedEntities.totalCount).toBe(expected.length);
    expect(res.data?.person.representedEntities.nodes.map((e) => e.creditCode).sort()).toEqual(
      expected.map((c) => c.creditCode).sort(),
    );
    for (const entity of res.data?.person.representedEntities.nodes ?? []) {
      expect(entity.legalRepresentative).toEqual({
        name: person.name,
        nationalId: person.nationalId,
      });
    }
  });

  it('joins a company to its representative and their family in the other direction', async () => {
    const company = t.world.company(5);
    const rep = t.world.person(company.representativeIndex);
    const res = await t.query<{
      legalEntity: {
        name: string;
        legalRepresentative: {
          name: string;
          birthDate: string;
          representedEntities: { totalCount: number };
        };
      };
    }>(
      `query($code: CreditCode!) { legalEntity(creditCode: $code) {
        name legalRepresentative { name birthDate representedEntities { totalCount } }
      } }`,
      { code: company.creditCode },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.legalEntity).toEqual({
      name: company.name,
      legalRepresentative: {
        name: rep.name,
        birthDate: rep.birthDate,
        representedEntities: { totalCount: t.world.companiesRepresentedBy(rep.index).length },
      },
    });
  });

  it('refuses a malformed national ID at the gateway with its code, before any department runs SQL', async () => {
    for (const d of t.hub.departments) d.statements.reset();
    const res = await t.query('{ person(nationalId: "110105194912310021") { name } }');
    expect(res.data ?? null).toBeNull();
    expect(firstErrorCode(res)).toBe('INVALID_NATIONAL_ID');
    expect(firstError(res).message).toContain('should be X');
    const variable = await t.query('query($id: NationalId!) { person(nationalId: $id) { name } }', {
      id: '11010519491231002',
    });
    expect(firstErrorCode(variable)).toBe('INVALID_NATIONAL_ID');
    expect(t.hub.departments.map((d) => d.statements.total)).toEqual(
      t.hub.departments.map(() => 0),
    );
  });

  it('costs the same SQL statements per department for 100 people as for 2', async () => {
    const q = `query($ids: [NationalId!]!) { people(nationalIds: $ids) {
      name spouse { name }
      representedEntities { totalCount nodes { name administrativePenalties { totalCount } legalRepresentative { name } } }
    } }`;
    // Representatives of companies, so that every list is non-empty and the plan makes the
    // same fetches for 2 people as for 100 (an empty list would skip a fetch).
    const representatives = [
      ...new Set([...t.world.companies()].map((c) => c.representativeIndex)),
    ].map((i) => t.world.person(i).nationalId);
    expect(representatives.length).toBeGreaterThanOrEqual(100);
    const count = async (n: number) => {
      const ids = representatives.slice(0, n);
      for (const d of t.hub.departments) d.statements.reset();
      const res = await t.query<{ people: unknown[] }>(q, { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data?.people).toHaveLength(n);
      return Object.fromEntries(t.hub.departments.map((d) => [d.name, d.statements.total]));
    };
    const two = await count(2);
    const hundred = await count(100);
    expect(hundred).toEqual(two);
    // The departments this query reads from all ran SQL; the others ran none.
    expect(two.population).toBeGreaterThan(0);
    expect(two.market).toBeGreaterThan(0);
  });
});
