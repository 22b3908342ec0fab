import type { Person } from '@govgraph/datagen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerHeaders } from './support/testHub.js';
import {
  FILE_COMPLAINT,
  RESOLVE,
  REVIEW,
  SUBMIT,
  startWritesHub,
  type WritesHub,
} from './support/writesHub.js';

// The write model over the whole hub (issue #10): the registry file's agencies write only what
// they are granted, with the acting official and, on someone's behalf, a case; a refused write
// leaves no row in the department and one denied audit record; an allowed one leaves an intent
// and an outcome record; when the audit log cannot take the intent, nothing is written.

const OPERATOR = { operatorId: 'desk-clerk-01', caseId: 'SD-2026-0107' };

describe('writes over the whole hub', () => {
  let hub: WritesHub;
  let applicant: Person;
  let company: string;
  let openComplaint: string;
  let pendingApplication: string;
  let keySerial = 0;
  const submission = (nationalId = applicant.nationalId) => ({
    input: {
      idempotencyKey: `writes-test-${++keySerial}`,
      applicantNationalId: nationalId,
      kind: 'FOOD_BUSINESS_LICENSE',
    },
  });
  const complaint = () => ({
    input: {
      complainantNationalId: applicant.nationalId,
      againstCreditCode: company,
      category: 'FOOD_SAFETY',
      description: 'The noodles were sold past their use-by date.',
    },
  });
  const review = () => ({
    input: { applicationId: pendingApplication, department: 'FIRE_SERVICE', decision: 'APPROVE' },
  });
  const resolution = () => ({
    input: { id: openComplaint, outcome: 'RESOLVED', resolution: 'Refunded and warned.' },
  });
  /** Every row the write could touch, to compare before and after. */
  const departmentState = async () => ({
    applications: await hub.rows('approvals', 'application'),
    reviews: await hub.rows('approvals', 'review'),
    complaints: await hub.rows('complaints', 'complaint'),
  });

  beforeAll(async () => {
    hub = await startWritesHub();
    const living = [...hub.world.persons()].filter((p) => p.status === 'ALIVE');
    applicant = living[0] as Person;
    company = hub.world.company(0).creditCode;
    const complaints = await hub.rows('complaints', 'complaint');
    openComplaint = String(complaints.find((c) => c.resolution === null)?.id);
    const applications = await hub.rows('approvals', 'application');
    pendingApplication = String(applications.find((a) => a.status === 'PENDING')?.id);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  /** The request is refused with 403, changes no department row, and leaves one denied record. */
  const expectRefusedAndUnwritten = async (
    caller: CallerHeaders,
    query: string,
    variables: Record<string, unknown>,
    reason: RegExp,
  ) => {
    const before = await departmentState();
    const head = await hub.auditHead();
    const { status, body } = await hub.ask(caller, query, variables);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toMatch(reason);
    expect(await departmentState()).toEqual(before);
    const records = await hub.auditAfter(head);
    expect(records.map((r) => [r.outcome, r.phase])).toEqual([['denied', undefined]]);
    return records[0];
  };

  it('lets the service desk submit for a citizen, recorded as intent and outcome naming the applicant', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const before = (await hub.rows('approvals', 'application')).length;
    const head = await hub.auditHead();
    const { status, body } = await hub.ask<{ submitApplication: { id: string } }>(
      desk,
      SUBMIT,
      submission(),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.submitApplication).toMatchObject({ status: 'PENDING' });
    expect(await hub.rows('approvals', 'application')).toHaveLength(before + 1);
    const records = await hub.auditAfter(head);
    expect(records.map((r) => [r.phase, r.outcome])).toEqual([
      ['intent', 'ok'],
      ['outcome', 'ok'],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        callerKind: 'agency',
        agencyId: 'service-desk-app',
        operatorId: OPERATOR.operatorId,
        caseId: OPERATOR.caseId,
        purpose: 'SERVICE_DESK',
        operationName: 'Submit',
      });
      expect(record.subjects).toContain(applicant.nationalId);
    }
  });

  it('refuses each mutation from an agency without the grant', async () => {
    const taxBureau = await hub.registered('tax-bureau', { purpose: 'TAX_AUDIT', ...OPERATOR });
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const regulator = await hub.registered('market-regulator', {
      purpose: 'MARKET_SUPERVISION',
      ...OPERATOR,
    });
    const noGrant = /holds no grant to write it/;
    await expectRefusedAndUnwritten(taxBureau, SUBMIT, submission(), noGrant);
    await expectRefusedAndUnwritten(regulator, FILE_COMPLAINT, complaint(), noGrant);
    await expectRefusedAndUnwritten(desk, REVIEW, review(), noGrant);
    await expectRefusedAndUnwritten(desk, RESOLVE, resolution(), noGrant);
  });

  it('refuses each mutation without a purpose and without the acting official', async () => {
    const writes: [string, string, string, () => Record<string, unknown>][] = [
      ['service-desk-app', 'SERVICE_DESK', SUBMIT, submission],
      ['service-desk-app', 'SERVICE_DESK', FILE_COMPLAINT, complaint],
      ['fire-service', 'ADMINISTRATIVE_APPROVAL', REVIEW, review],
      ['market-regulator', 'MARKET_SUPERVISION', RESOLVE, resolution],
    ];
    for (const [agency, purpose, query, variables] of writes) {
      const withoutPurpose = await hub.registered(agency, OPERATOR);
      await expectRefusedAndUnwritten(withoutPurpose, query, variables(), /needs a purpose/);
      const withoutOperator = await hub.registered(agency, { purpose, caseId: OPERATOR.caseId });
      const record = await expectRefusedAndUnwritten(
        withoutOperator,
        query,
        variables(),
        /needs the acting official \(X-Operator-Id\)/,
      );
      expect(record).toMatchObject({ agencyId: agency, operatorId: null });
    }
  });

  it('refuses a submission or complaint on someone’s behalf without a case, naming them in the record', async () => {
    const desk = await hub.registered('service-desk-app', {
      purpose: 'SERVICE_DESK',
      operatorId: OPERATOR.operatorId,
    });
    const needsCase = /needs a case number \(X-Case-Id\)/;
    const submitted = await expectRefusedAndUnwritten(desk, SUBMIT, submission(), needsCase);
    expect(submitted?.subjects).toEqual([applicant.nationalId]);
    const filed = await expectRefusedAndUnwritten(desk, FILE_COMPLAINT, complaint(), needsCase);
    expect(filed?.subjects).toEqual([applicant.nationalId, company].sort());
  });

  it('lets a citizen submit and complain for themself only', async () => {
    const other = [...hub.world.persons()].find(
      (p) => p.status === 'ALIVE' && p.nationalId !== applicant.nationalId,
    );
    const self = hub.citizen(applicant.nationalId);
    const before = await departmentState();
    expect((await hub.ask(self, SUBMIT, submission())).status).toBe(200);
    // The company complained against is named beside the citizen, not in their place.
    expect((await hub.ask(self, FILE_COMPLAINT, complaint())).status).toBe(200);
    const after = await departmentState();
    expect(after.applications).toHaveLength(before.applications.length + 1);
    expect(after.complaints).toHaveLength(before.complaints.length + 1);

    const themselfOnly = /a citizen may write only for themself/;
    await expectRefusedAndUnwritten(self, SUBMIT, submission(other?.nationalId), themselfOnly);
    const forCompany = {
      input: {
        idempotencyKey: `writes-test-${++keySerial}`,
        applicantCreditCode: company,
        kind: 'BUSINESS_LICENSE',
      },
    };
    await expectRefusedAndUnwritten(self, SUBMIT, forCompany, themselfOnly);
    await expectRefusedAndUnwritten({}, SUBMIT, submission(), /writes need an identified caller/);
  });

  it('writes nothing when the audit log cannot take the record', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const before = await departmentState();
    const { status, body } = await hub.withAuditBroken(() => hub.ask(desk, SUBMIT, submission()));
    expect(status).toBe(503);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    expect(await departmentState()).toEqual(before);
  });

  it('cannot be bypassed by a batched array body or a GET', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const withoutCase = await hub.registered('service-desk-app', {
      purpose: 'SERVICE_DESK',
      operatorId: OPERATOR.operatorId,
    });
    const before = await departmentState();
    const batch = await hub.postBody(withoutCase, [
      { query: SUBMIT, variables: submission() },
      { query: SUBMIT, variables: submission() },
    ]);
    expect(batch.status).toBe(400);
    const literal = `mutation { submitApplication(input: { idempotencyKey: "writes-get-0001", applicantNationalId: "${applicant.nationalId}", kind: BUSINESS_LICENSE }) { id } }`;
    const get = await hub.getOperation(desk, literal);
    expect(get.status).toBe(405);
    expect(await departmentState()).toEqual(before);
  });
});
