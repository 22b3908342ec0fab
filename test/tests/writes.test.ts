import type { Person } from '@govgraph/datagen';
import { firstError, firstErrorCode } from '@govgraph/testing';
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
    expect(firstErrorCode(body)).toBe('FORBIDDEN');
    expect(firstError(body).message).toMatch(reason);
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

  const REVIEWED = `mutation Review($input: RecordReviewInput!) {
    recordReview(input: $input) { id reviews { department status reviewerId } }
  }`;
  const reviewer = (agency: string, operatorId: string) =>
    hub.registered(agency, { purpose: 'ADMINISTRATIVE_APPROVAL', operatorId });
  /** A fresh FOOD_BUSINESS_LICENSE (market regulation, health and fire service review it). */
  const freshApplication = async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const { body } = await hub.ask<{ submitApplication: { id: string } }>(
      desk,
      SUBMIT,
      submission(),
    );
    const id = body.data?.submitApplication.id;
    if (!id) throw new Error(`the service desk could not submit: ${JSON.stringify(body)}`);
    return id;
  };

  it('records a review only from the reviewing department, with the operator as reviewer', async () => {
    const applicationId = await freshApplication();
    const input = { applicationId, department: 'FIRE_SERVICE', decision: 'APPROVE' };

    // Housing is granted recordReview too, but decides for its own department only.
    const housing = await reviewer('housing-construction-bureau', 'housing-inspector-7');
    const before = await departmentState();
    const head = await hub.auditHead();
    const wrong = await hub.ask(housing, REVIEWED, { input });
    expect(wrong.body.data).toBeNull();
    expect(firstErrorCode(wrong.body)).toBe('DEPARTMENT_MISMATCH');
    expect(await departmentState()).toEqual(before);
    const refused = await hub.auditAfter(head);
    expect(refused.map((r) => [r.phase, r.outcome, r.agencyId])).toEqual([
      ['intent', 'ok', 'housing-construction-bureau'],
      ['outcome', 'error', 'housing-construction-bureau'],
    ]);

    // A reviewer named in the input is no argument at all: the request is refused whole.
    const fire = await reviewer('fire-service', 'fire-officer-12');
    const forged = await hub.ask(fire, REVIEWED, { input: { ...input, reviewerId: 'mayor' } });
    expect(forged.status).toBe(400);
    expect(await departmentState()).toEqual(before);

    const { status, body } = await hub.ask<{
      recordReview: {
        reviews: { department: string; status: string; reviewerId: string | null }[];
      };
    }>(fire, REVIEWED, { input });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // The answer names no person, yet the outcome record names whose application it was.
    const outcome = (await hub.auditAfter(head)).at(-1);
    expect(outcome).toMatchObject({ phase: 'outcome', agencyId: 'fire-service' });
    expect(outcome?.subjects).toEqual([applicant.nationalId]);
    expect(body.data?.recordReview.reviews).toContainEqual({
      department: 'FIRE_SERVICE',
      status: 'APPROVED',
      reviewerId: 'fire-officer-12',
    });
  });

  it('closes a complaint only from its handling department', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const file = async (category: string) => {
      const input = { ...complaint().input, category };
      const { body } = await hub.ask<{ fileComplaint: { id: string } }>(desk, FILE_COMPLAINT, {
        input,
      });
      return String(body.data?.fileComplaint.id);
    };
    const regulator = await hub.registered('market-regulator', {
      purpose: 'MARKET_SUPERVISION',
      ...OPERATOR,
    });
    const close = (id: string) => ({
      input: { id, outcome: 'RESOLVED', resolution: 'Settled with the shop.' },
    });
    // SERVICE complaints go to the commerce bureau, not to the market regulator.
    const service = await file('SERVICE');
    const before = await departmentState();
    const wrong = await hub.ask(regulator, RESOLVE, close(service));
    expect(firstErrorCode(wrong.body)).toBe('DEPARTMENT_MISMATCH');
    expect(await departmentState()).toEqual(before);

    const pricing = await file('PRICING');
    const right = await hub.ask<{ resolveComplaint: { status: string } }>(
      regulator,
      RESOLVE,
      close(pricing),
    );
    expect(right.body.errors).toBeUndefined();
    expect(right.body.data?.resolveComplaint.status).toBe('RESOLVED');
  });

  it('keeps idempotency keys apart per caller', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const self = hub.citizen(applicant.nationalId);
    const shared = submission();
    const submitAs = async (caller: CallerHeaders) => {
      const { body } = await hub.ask<{ submitApplication: { id: string } }>(caller, SUBMIT, shared);
      expect(body.errors).toBeUndefined();
      return body.data?.submitApplication.id;
    };
    const byDesk = await submitAs(desk);
    const byCitizen = await submitAs(self);
    expect(byCitizen).not.toBe(byDesk);
    // Each caller's retry returns its own application, never the other's.
    expect(await submitAs(desk)).toBe(byDesk);
    expect(await submitAs(self)).toBe(byCitizen);
  });

  it('writes nothing when the audit log cannot take the record', async () => {
    const desk = await hub.registered('service-desk-app', { purpose: 'SERVICE_DESK', ...OPERATOR });
    const before = await departmentState();
    const { status, body } = await hub.withAuditBroken(() => hub.ask(desk, SUBMIT, submission()));
    expect(status).toBe(503);
    expect(body.data).toBeNull();
    expect(firstErrorCode(body)).toBe('AUDIT_UNAVAILABLE');
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
