import {
  type ApprovalApplication,
  companyApplications,
  createWorld,
  personApplications,
  type World,
} from '@govgraph/datagen';
import type { Engine } from '@govgraph/department/db';
import { REQUIRED_DEPARTMENTS } from '@govgraph/rules';
import { ENGINES } from '@govgraph/testing';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalsDB } from '../src/db/schema.js';
import { type EntityChange, onEntitiesChanged } from '../src/index.js';
import {
  APPLICATION_FIELDS,
  entitiesOf,
  type GraphQLResponse,
  useApprovals,
} from './approvalsHarness.js';

const world: World = createWorld({ seed: 7, people: 4_000 });
const company = world.company(11);
const person = world.person(21);
/** Someone the generator already made an application for. */
const applyingPerson =
  Array.from({ length: world.peopleCount }, (_, i) => i).find(
    (i) => personApplications(world, i).length > 0,
  ) ?? -1;
const seeded = Array.from({ length: world.companyCount }, (_, j) =>
  companyApplications(world, j),
).flat();
const seededWhere = (test: (a: ApprovalApplication) => boolean) => {
  const found = seeded.find(test);
  if (!found) throw new Error('the test world has no such application; pick another seed');
  return found;
};

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string }[];
}

interface Application {
  id: string;
  kind: string;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  applicant: Record<string, string>;
  site: { buildingId: string } | null;
  reviews: {
    department: string;
    status: string;
    decidedAt: string | null;
    comment: string | null;
    reviewerId: string | null;
  }[];
}

const SUBMIT = `mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const RECORD = `mutation($input: RecordReviewInput!) {
  recordReview(input: $input) { ${APPLICATION_FIELDS} } }`;

/** The agency submitting on applicants' behalf (the gateway has checked its purpose and case). */
const DESK_AGENCY = { caller: 'agency', agency: 'service-desk', purpose: 'SERVICE_DESK' } as const;
/** An agency acting for the department, with its operator `op-<department>`. */
const reviewingAgency = (department: string) =>
  ({
    caller: 'agency',
    agency: `agency-${department.toLowerCase()}`,
    department,
    operatorId: `op-${department}`,
  }) as const;

let keys = 0;
/** A fresh idempotency key: each test's submissions are its own. */
const newKey = () => `test-key-${process.pid}-${Date.now()}-${++keys}`;

const constructionPermit = (key = newKey()) => ({
  idempotencyKey: key,
  applicantCreditCode: company.creditCode,
  kind: 'CONSTRUCTION_PERMIT',
  siteBuildingId: company.buildingId,
});

/** Makes every UPDATE of an application fail, or every INSERT of a review, until removed. */
async function forceFailure(
  db: Kysely<ApprovalsDB>,
  engine: Engine,
  statement: 'update on application' | 'insert on review',
): Promise<() => Promise<void>> {
  if (engine === 'sqlite') {
    await sql
      .raw(
        `create trigger forced_failure before ${statement} begin select raise(abort, 'forced failure'); end`,
      )
      .execute(db);
    return async () => {
      await sql.raw('drop trigger forced_failure').execute(db);
    };
  }
  await sql
    .raw(
      `create or replace function forced_failure() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger forced_failure before ${statement} for each row execute function forced_failure()`,
    )
    .execute(db);
  const table = statement.split(' on ')[1];
  return async () => {
    await sql.raw(`drop trigger forced_failure on ${table}`).execute(db);
  };
}

describe.each(ENGINES)('the approval platform on %s, written', (engine) => {
  const platform = useApprovals(engine, world);
  /** Changes heard, each with the number of commits the database had seen by then. */
  let heard: { changes: readonly EntityChange[]; commitsBefore: number }[] = [];
  let stopListening: () => void = () => {};

  beforeEach(() => {
    heard = [];
    platform.database.statements.reset();
    stopListening = onEntitiesChanged((changes) =>
      heard.push({ changes, commitsBefore: platform.database.statements.count('commit') }),
    );
  });
  afterEach(() => stopListening());

  const submit = async (input: Record<string, unknown>) =>
    platform.query(SUBMIT, { input }, DESK_AGENCY);
  /** Recorded as the reviewing department's agency would: its operator is the reviewer. */
  const record = async (input: Record<string, unknown>) =>
    platform.query(RECORD, { input }, reviewingAgency(String(input.department)));
  /** The application a successful mutation returned. */
  const submitted = (res: GraphQLResponse): Application => {
    expect(res.errors).toBeUndefined();
    return (res.data?.submitApplication ?? res.data?.recordReview) as Application;
  };
  const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
  const rowsWithKey = async (key: string) =>
    platform.database.db
      .selectFrom('application')
      .selectAll()
      .where('idempotency_key', '=', key)
      .execute();
  const reviewsOf = async (id: string) =>
    platform.database.db
      .selectFrom('review')
      .select(['department', 'status'])
      .where('application_id', '=', id)
      .orderBy('position')
      .execute();

  it('opens one PENDING review per required department at once, and reports the change after commit', async () => {
    const before = new Date();
    const app = submitted(await submit(constructionPermit()));
    expect(app).toMatchObject({
      kind: 'CONSTRUCTION_PERMIT',
      status: 'PENDING',
      decidedAt: null,
      applicant: { __typename: 'LegalEntity', creditCode: company.creditCode },
      site: { buildingId: company.buildingId },
    });
    expect(app.id).toMatch(/^SP\d{8}-N[0-9A-F]{12}$/);
    expect(app.reviews).toEqual(
      REQUIRED_DEPARTMENTS.CONSTRUCTION_PERMIT.map((department) => ({
        department,
        status: 'PENDING',
        decidedAt: null,
        comment: null,
        reviewerId: null,
      })),
    );
    expect(app.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const submittedAt = Date.parse(app.submittedAt);
    expect(submittedAt).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    expect(submittedAt).toBeLessThanOrEqual(Date.now());
    expect(heard).toEqual([
      {
        changes: [
          { typename: 'Application', key: app.id },
          { typename: 'LegalEntity', key: company.creditCode },
        ],
        commitsBefore: 1,
      },
    ]);
  });

  it('commits and tells the other listeners when one listener throws', async () => {
    // The broken listener is registered first, so the others are told after it throws.
    stopListening();
    const stopBroken = onEntitiesChanged(() => {
      throw new Error('a broken cache');
    });
    const told: (readonly EntityChange[])[] = [];
    const stopTold = onEntitiesChanged((changes) => told.push(changes));
    try {
      const app = submitted(await submit(constructionPermit()));
      expect(told.map((changes) => changes[0])).toEqual([{ typename: 'Application', key: app.id }]);
      expect(await reviewsOf(app.id)).toHaveLength(4);
    } finally {
      stopBroken();
      stopTold();
    }
  });

  it("lists new applications before a person's earlier ones, newest first across pages", async () => {
    const applicant = world.person(applyingPerson);
    const made: { id: string; submittedAt: string }[] = [];
    for (const kind of ['BUSINESS_LICENSE', 'FOOD_BUSINESS_LICENSE', 'CONSTRUCTION_PERMIT']) {
      const res = await submit({
        idempotencyKey: newKey(),
        applicantNationalId: applicant.nationalId,
        kind,
        siteBuildingId: applicant.household.buildingId,
      });
      made.push(submitted(res));
    }
    // Newest first; within one second, by platform number, highest first.
    const expected = [...made, ...personApplications(world, applyingPerson)]
      .sort((a, b) =>
        a.submittedAt === b.submittedAt
          ? b.id.localeCompare(a.id, 'en')
          : b.submittedAt.localeCompare(a.submittedAt, 'en'),
      )
      .map((a) => a.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await platform.query(
        `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Person {
          applications(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`,
        { r: [{ __typename: 'Person', nationalId: applicant.nationalId }], after },
      );
      expect(res.errors).toBeUndefined();
      const page = entitiesOf<{ applications: Page }>(res)[0]?.applications;
      expect(page?.totalCount).toBe(expected.length);
      seen.push(...(page?.nodes ?? []).map((n) => n.id));
      after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(expected);
  });

  it('returns the same application for the same key and input, without a second row or event', async () => {
    const input = constructionPermit();
    const first = submitted(await submit(input));
    const again = submitted(await submit({ ...input }));
    expect(again).toEqual(first);
    expect(await rowsWithKey(input.idempotencyKey)).toHaveLength(1);
    expect(heard).toHaveLength(1);
  });

  it('files exactly one application when eight submissions with one key race', async () => {
    const input = constructionPermit();
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(input)));
    const ids = new Set(results.map((res) => submitted(res).id));
    expect(ids.size).toBe(1);
    const rows = await rowsWithKey(input.idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(await reviewsOf(rows[0]?.id ?? '')).toHaveLength(4);
    expect(heard).toHaveLength(1);
  });

  it('refuses the same key with a different input with IDEMPOTENCY_KEY_REUSED, naming what differs', async () => {
    const input = constructionPermit();
    submitted(await submit(input));
    const res = await submit({ ...input, kind: 'OUTDOOR_ADVERTISING' });
    expect(codeOf(res)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(res.errors?.[0]?.message).toContain('different kind');
    expect(res.errors?.[0]?.message).toContain('new key');
    expect(await rowsWithKey(input.idempotencyKey)).toHaveLength(1);
  });

  it.each([
    [
      'no applicant',
      { applicantCreditCode: undefined },
      'input.applicantNationalId',
      'exactly one applicant',
    ],
    [
      'two applicants',
      { applicantNationalId: person.nationalId },
      'input.applicantNationalId',
      'got both',
    ],
    ['a 7-character key', { idempotencyKey: 'abcdefg' }, 'input.idempotencyKey', '8 to 64'],
    ['a 65-character key', { idempotencyKey: 'k'.repeat(65) }, 'input.idempotencyKey', 'got 65'],
    [
      'no site for a construction permit',
      { siteBuildingId: undefined },
      'input.siteBuildingId',
      'needs siteBuildingId',
    ],
  ])(
    'refuses a submission with %s with INVALID_ARGUMENT',
    async (_name, change, argument, text) => {
      const input = { ...constructionPermit(), ...change };
      const res = await submit(input);
      expect(codeOf(res)).toBe('INVALID_ARGUMENT');
      expect(res.errors?.[0]?.extensions?.argument).toBe(argument);
      expect(res.errors?.[0]?.message).toContain(text);
      expect(heard).toEqual([]);
    },
  );

  it('refuses a national ID with a wrong check character with INVALID_NATIONAL_ID', async () => {
    const res = await submit({
      idempotencyKey: newKey(),
      applicantNationalId: '110105194912310021',
      kind: 'BUSINESS_LICENSE',
    });
    expect(codeOf(res)).toBe('INVALID_NATIONAL_ID');
  });

  it('accepts a business licence without a site', async () => {
    const app = submitted(
      await submit({
        idempotencyKey: newKey(),
        applicantNationalId: person.nationalId,
        kind: 'BUSINESS_LICENSE',
      }),
    );
    expect(app.site).toBeNull();
    expect(app.applicant).toEqual({ __typename: 'Person', nationalId: person.nationalId });
    expect(app.reviews.map((r) => r.department)).toEqual(['MARKET_REGULATION']);
  });

  it('approves the application with the last approval, and reports each decision', async () => {
    const app = submitted(await submit(constructionPermit()));
    const departments = REQUIRED_DEPARTMENTS.CONSTRUCTION_PERMIT;
    let latest = app;
    for (const [n, department] of departments.entries()) {
      latest = submitted(
        await record({
          applicationId: app.id,
          department,
          decision: 'APPROVE',
        }),
      );
      expect(latest.status).toBe(n === departments.length - 1 ? 'APPROVED' : 'PENDING');
    }
    expect(latest.reviews.map((r) => [r.department, r.status, r.reviewerId, r.comment])).toEqual(
      departments.map((d) => [d, 'APPROVED', `op-${d}`, null]),
    );
    const lastDecision = latest.reviews.map((r) => r.decidedAt ?? '').sort()[
      departments.length - 1
    ];
    expect(latest.decidedAt).toBe(lastDecision);
    expect((latest.decidedAt ?? '') >= app.submittedAt).toBe(true);
    // One event for the submission, one per decision, each after its commit.
    expect(heard).toHaveLength(1 + departments.length);
    heard.forEach((h, n) => {
      expect(h.changes).toEqual([
        { typename: 'Application', key: app.id },
        { typename: 'LegalEntity', key: company.creditCode },
      ]);
      expect(h.commitsBefore).toBe(n + 1);
    });
  });

  it('rejects at the first rejection; open reviews stay PENDING and are closed', async () => {
    const app = submitted(await submit(constructionPermit()));
    submitted(
      await record({
        applicationId: app.id,
        department: 'FIRE_SERVICE',
        decision: 'APPROVE',
        comment: '消防设施符合规范',
      }),
    );
    const rejected = submitted(
      await record({
        applicationId: app.id,
        department: 'ECOLOGY_ENVIRONMENT',
        decision: 'REJECT',
        comment: '未提交环境影响评价文件',
      }),
    );
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.reviews.map((r) => [r.department, r.status, r.comment])).toEqual([
      ['HOUSING_CONSTRUCTION', 'PENDING', null],
      ['FIRE_SERVICE', 'APPROVED', '消防设施符合规范'],
      ['ECOLOGY_ENVIRONMENT', 'REJECTED', '未提交环境影响评价文件'],
      ['URBAN_MANAGEMENT', 'PENDING', null],
    ]);
    expect(rejected.decidedAt).toBe(rejected.reviews[2]?.decidedAt);

    const late = await record({
      applicationId: app.id,
      department: 'URBAN_MANAGEMENT',
      decision: 'APPROVE',
    });
    expect(codeOf(late)).toBe('APPLICATION_CLOSED');
    expect(late.errors?.[0]?.message).toContain('rejected');
    const twice = await record({
      applicationId: app.id,
      department: 'ECOLOGY_ENVIRONMENT',
      decision: 'APPROVE',
    });
    expect(codeOf(twice)).toBe('REVIEW_ALREADY_RECORDED');
    expect(twice.errors?.[0]?.message).toContain('already rejected');
    expect(heard).toHaveLength(3);
  });

  it('refuses a department the kind does not require with REVIEW_NOT_REQUIRED, naming those it does', async () => {
    const app = submitted(
      await submit({
        idempotencyKey: newKey(),
        applicantCreditCode: company.creditCode,
        kind: 'FIRE_SAFETY_INSPECTION',
      }),
    );
    const res = await record({
      applicationId: app.id,
      department: 'HEALTH',
      decision: 'APPROVE',
    });
    expect(codeOf(res)).toBe('REVIEW_NOT_REQUIRED');
    expect(res.errors?.[0]?.message).toContain('FIRE_SERVICE, HOUSING_CONSTRUCTION');
  });

  it('refuses an unknown platform number with APPLICATION_NOT_FOUND', async () => {
    const res = await record({
      applicationId: 'SP20990101-NFFFFFFFFFFFF',
      department: 'HEALTH',
      decision: 'APPROVE',
    });
    expect(codeOf(res)).toBe('APPLICATION_NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('SP20990101-NFFFFFFFFFFFF');
  });

  it('refuses decisions on generated applications by what they record', async () => {
    const approved = seededWhere((a) => a.status === 'APPROVED');
    const closed = seededWhere(
      (a) => a.status === 'REJECTED' && a.reviews.some((r) => r.status === 'PENDING'),
    );
    const open = closed.reviews.find((r) => r.status === 'PENDING');
    const decide = (a: ApprovalApplication, department: string) =>
      record({ applicationId: a.id, department, decision: 'APPROVE' });
    expect(codeOf(await decide(approved, approved.reviews[0]?.department ?? ''))).toBe(
      'REVIEW_ALREADY_RECORDED',
    );
    expect(codeOf(await decide(closed, open?.department ?? ''))).toBe('APPLICATION_CLOSED');
  });

  it.each([
    ['a rejection without a comment', { decision: 'REJECT', comment: '  ' }, 'input.comment'],
    ['a 501-character comment', { comment: '文'.repeat(501) }, 'input.comment'],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, change, argument) => {
    const app = submitted(await submit(constructionPermit()));
    const res = await record({
      applicationId: app.id,
      department: 'FIRE_SERVICE',
      decision: 'APPROVE',
      ...change,
    });
    expect(codeOf(res)).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.extensions?.argument).toBe(argument);
    expect(await reviewsOf(app.id)).toContainEqual({
      department: 'FIRE_SERVICE',
      status: 'PENDING',
    });
  });

  it('approves once when every department decides at the same moment', async () => {
    const app = submitted(await submit(constructionPermit()));
    const results = await Promise.all(
      REQUIRED_DEPARTMENTS.CONSTRUCTION_PERMIT.map((department) =>
        record({ applicationId: app.id, department, decision: 'APPROVE' }),
      ),
    );
    for (const res of results) expect(res.errors).toBeUndefined();
    const res = await platform.query(
      `query($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
      { id: app.id },
    );
    const final = res.data?.application as Application;
    expect(final.status).toBe('APPROVED');
    expect(final.reviews.every((r) => r.status === 'APPROVED')).toBe(true);
  });

  it('leaves the review undecided when the application update fails part-way, and reports nothing', async () => {
    const app = submitted(await submit({ ...constructionPermit(), kind: 'OUTDOOR_ADVERTISING' }));
    submitted(
      await record({
        applicationId: app.id,
        department: 'URBAN_MANAGEMENT',
        decision: 'APPROVE',
      }),
    );
    heard = [];
    // The last approval updates the review, then the application: the second statement fails.
    const restore = await forceFailure(platform.database.db, engine, 'update on application');
    const decisive = {
      applicationId: app.id,
      department: 'MARKET_REGULATION',
      decision: 'APPROVE',
    };
    let failed: GraphQLResponse;
    try {
      failed = await record(decisive);
    } finally {
      await restore();
    }
    expect(codeOf(failed)).toBe('INTERNAL_ERROR');
    expect(failed.errors?.[0]?.message).not.toContain('forced');
    expect(await reviewsOf(app.id)).toEqual([
      { department: 'URBAN_MANAGEMENT', status: 'APPROVED' },
      { department: 'MARKET_REGULATION', status: 'PENDING' },
    ]);
    const row = await platform.database.db
      .selectFrom('application')
      .select(['status', 'decided_at'])
      .where('id', '=', app.id)
      .executeTakeFirst();
    expect(row).toEqual({ status: 'PENDING', decided_at: null });
    expect(heard).toEqual([]);
    // Nothing was half-written, so the same decision succeeds once the fault is gone.
    expect(submitted(await record(decisive)).status).toBe('APPROVED');
  });

  it('files nothing when opening the reviews fails part-way, so the key stays free', async () => {
    const input = constructionPermit();
    const restore = await forceFailure(platform.database.db, engine, 'insert on review');
    let failed: GraphQLResponse;
    try {
      failed = await submit(input);
    } finally {
      await restore();
    }
    expect(codeOf(failed)).toBe('INTERNAL_ERROR');
    expect(await rowsWithKey(input.idempotencyKey)).toEqual([]);
    expect(heard).toEqual([]);
    const app = submitted(await submit(input));
    expect(app.reviews).toHaveLength(4);
    expect(heard).toHaveLength(1);
  });
});
