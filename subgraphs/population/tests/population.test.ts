import { createWorld, type World } from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

describe.each(ENGINES)('population registry on %s', (engine) => {
  const world: World = createWorld({ seed: 7, people: 400 });
  const harness = useDepartment(department, engine, world);
  const { query } = harness;

  it('returns a person exactly as the generator made them', async () => {
    const p = world.person(5);
    const res = await query(
      `query($id: NationalId!) { person(nationalId: $id) {
        nationalId name gender birthDate status maritalStatus
        householdRegistration { householdNumber divisionCode address buildingId relationToHead registeredOn }
      } }`,
      { id: p.nationalId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.person).toEqual({
      nationalId: p.nationalId,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      status: p.status,
      maritalStatus: p.maritalStatus,
      householdRegistration: {
        householdNumber: p.household.number,
        divisionCode: p.household.divisionCode,
        address: p.household.address,
        buildingId: p.household.buildingId,
        relationToHead: p.household.relationToHead,
        registeredOn: p.household.registeredOn,
      },
    });
  });

  it('links spouse, parents and children both ways', async () => {
    const child = world.person(6);
    const father = world.person(child.fatherIndex ?? -1);
    const mother = world.person(child.motherIndex ?? -1);
    const res = await query(
      `query($id: NationalId!) { person(nationalId: $id) {
        parents { nationalId spouse { nationalId } children { nationalId } }
      } }`,
      { id: child.nationalId },
    );
    expect(res.errors).toBeUndefined();
    type Parent = { nationalId: string; spouse: unknown; children: { nationalId: string }[] };
    const parents = (res.data?.person as { parents: Parent[] } | undefined)?.parents ?? [];
    expect(parents.map((x) => x.nationalId).sort()).toEqual(
      [father.nationalId, mother.nationalId].sort(),
    );
    const expectedChildren = father.childIndexes.map((i) => world.person(i).nationalId).sort();
    for (const parent of parents) {
      expect(parent.children.map((c) => c.nationalId).sort()).toEqual(expectedChildren);
    }
    const fatherSpouse =
      father.spouseIndex === null
        ? null
        : { nationalId: world.person(father.spouseIndex).nationalId };
    expect(parents.find((x) => x.nationalId === father.nationalId)?.spouse).toEqual(fatherSpouse);
  });

  it('answers people() in the order asked, with null for unknown IDs', async () => {
    const ids = [world.person(9).nationalId, '11010519491231002X', world.person(1).nationalId];
    const res = await query(
      'query($ids: [NationalId!]!) { people(nationalIds: $ids) { nationalId } }',
      { ids },
    );
    expect(res.data?.people).toEqual([{ nationalId: ids[0] }, null, { nationalId: ids[2] }]);
  });

  it('refuses more than 100 IDs with INVALID_ARGUMENT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => world.person(i).nationalId);
    const res = await query(
      'query($ids: [NationalId!]!) { people(nationalIds: $ids) { nationalId } }',
      { ids },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.message).toContain('at most 100');
  });

  it('refuses a national ID with a wrong check character, naming the right one', async () => {
    const res = await query('{ person(nationalId: "110105194912310021") { name } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_NATIONAL_ID');
    expect(res.errors?.[0]?.message).toContain('should be X');
  });

  it('resolves entity references for the gateway', async () => {
    const reps = [{ __typename: 'Person', nationalId: world.person(3).nationalId }];
    const res = await query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }',
      { r: reps },
    );
    expect(res.data?._entities).toEqual([{ name: world.person(3).name }]);
  });

  it('uses as many SQL statements for 100 people as for 2', async () => {
    const q = `query($ids: [NationalId!]!) { people(nationalIds: $ids) {
      name spouse { name } parents { name children { name } } children { name }
      householdRegistration { address }
    } }`;
    const run = async (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => world.person(i * 3).nationalId);
      harness.database.statements.reset();
      const res = await query(q, { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data?.people).toHaveLength(n);
      return harness.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });
});
