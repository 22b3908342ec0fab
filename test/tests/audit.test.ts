import { createHash } from 'node:crypto';
import type { Person } from '@govgraph/datagen';
import { latestAuditRecords, verifyAuditChain } from '@govgraph/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';

// The audit record the gateway writes into the hub store, over the whole hub (docs/access.md):
// whose data an answer carried, including people and companies reached through other
// departments and never selected by key.

const READER = {
  id: 'audit-tests-reader',
  purpose: 'AUDIT_TESTS',
  coordinates: [
    'Query.person',
    'Query.legalEntity',
    'Person.name',
    'Person.spouse',
    'Person.representedEntities',
    'LegalEntityConnection.*',
    'LegalEntity.name',
    'LegalEntity.legalRepresentative',
  ],
};

const CITIZEN_QUERY = `query Family($id: NationalId!) {
  person(nationalId: $id) {
    name
    spouse { name }
    representedEntities(first: 5) { nodes { name legalRepresentative { name } } }
  }
}`;

describe('audit records over the whole hub', () => {
  let hub: AccessHub;
  // A married person who represents at least one company of the synthetic world.
  let subject: Person;
  let spouse: Person;
  let companies: string[];

  beforeAll(async () => {
    hub = await startAccessHub([READER]);
    for (const person of hub.world.persons()) {
      if (person.spouseIndex === null || person.status !== 'ALIVE') continue;
      const represented = hub.world.companiesRepresentedBy(person.index);
      if (represented.length === 0 || represented.length > 5) continue;
      subject = person;
      spouse = hub.world.person(person.spouseIndex);
      companies = represented.map((j) => hub.world.company(j).creditCode);
      return;
    }
    throw new Error('the synthetic world has no married company representative');
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('records the agency, purpose, fields and every subject the answer carried', async () => {
    const { status, body } = await hub.ask(hub.agency(READER.id), CITIZEN_QUERY, {
      id: subject.nationalId,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      person: { name: subject.name, spouse: { name: spouse.name } },
    });
    const record = await hub.latestAudit();
    expect(record).toMatchObject({
      callerKind: 'agency',
      agencyId: READER.id,
      purpose: READER.purpose,
      operationName: 'Family',
      operationHash: createHash('sha256').update(CITIZEN_QUERY).digest('hex'),
      outcome: 'ok',
      cached: false,
      denied: [],
    });
    expect(record?.coordinates).toEqual(
      [
        'LegalEntity.legalRepresentative',
        'LegalEntity.name',
        'LegalEntityConnection.nodes',
        'Person.name',
        'Person.representedEntities',
        'Person.spouse',
        'Query.person',
      ].sort(),
    );
    // The person (argument), the spouse (population registry, key never selected), each
    // company (business registry); the representative is the person again.
    expect(record?.subjects).toEqual([subject.nationalId, spouse.nationalId, ...companies].sort());
  });

  it('records 200 concurrent reads once each, in one chain that verifies', async () => {
    const { store } = hub.hub.services;
    const before = (await hub.latestAudit())?.seq ?? 0;
    const people = Array.from({ length: 200 }, (_, i) => hub.world.person(i));
    // Each read under its own case, so its record can be told from the others'.
    const answers = await Promise.all(
      people.map((person, i) =>
        hub.ask(
          hub.agency(READER.id, { caseId: `LOAD-${i}` }),
          'query($id: NationalId!) { person(nationalId: $id) { name } }',
          { id: person.nationalId },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
    const records = await latestAuditRecords(store, 200);
    // Numbered one after another from where the chain stood, none lost, none doubled.
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      people.map((_, i) => before + 1 + i),
    );
    const byCase = new Map(records.map((r) => [r.caseId, r.subjects]));
    people.forEach((person, i) => {
      expect(byCase.get(`LOAD-${i}`)).toEqual([person.nationalId]);
    });
    expect(await verifyAuditChain(store)).toEqual({ ok: true, records: before + 200 });
  });

  it('does not record an operation that read public data only', async () => {
    const before = await hub.latestAudit();
    const { body } = await hub.ask(
      {},
      'query($c: CreditCode!) { legalEntity(creditCode: $c) { name } }',
      { c: companies[0] },
    );
    expect(body.errors).toBeUndefined();
    expect((await hub.latestAudit())?.seq).toBe(before?.seq);
  });
});
