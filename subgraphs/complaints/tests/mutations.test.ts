import { type ComplaintCategory, createWorld, type World } from '@govgraph/datagen';
import { HANDLING_DEPARTMENTS, handlingDepartmentCode } from '@govgraph/rules';
import { chinaDateTime } from '@govgraph/schema';
import { ENGINES } from '@govgraph/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type EntityChange, onEntitiesChanged } from '../src/index.js';
import {
  allComplaints,
  COMPLAINT_FIELDS,
  dataField,
  type GraphQLResponse,
  useComplaints,
} from './complaintsHarness.js';

const world: World = createWorld({ seed: 11, people: 4_000 });
const seeded = allComplaints(world);
const open = seeded.filter((c) => c.status === 'RECEIVED' || c.status === 'IN_PROGRESS');
const closed = seeded.filter((c) => c.status === 'RESOLVED' || c.status === 'REJECTED');

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const RESOLVE = `mutation($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;

interface ComplaintAnswer {
  id: string;
  filedAt: string;
  complainant: { nationalId: string };
  against: { creditCode: string };
  category: ComplaintCategory;
  description: string;
  status: string;
  handlingDepartment: string;
  resolution: string | null;
  resolvedAt: string | null;
}

const filing = (overrides: Record<string, unknown> = {}) => ({
  complainantNationalId: world.person(5).nationalId,
  againstCreditCode: world.company(3).creditCode,
  category: 'FOOD_SAFETY',
  description: '  在该店购买的盒饭有明显异味，食用后腹泻，商家拒绝退款。  ',
  ...overrides,
});

/** The highest serial the generator gave a ticket of the year (0 when it gave none). */
const lastSeededSerial = (year: string) =>
  Math.max(
    0,
    ...seeded.filter((c) => c.id.slice(6, 10) === year).map((c) => Number(c.id.slice(11))),
  );

const DESK = { caller: 'agency', agency: 'hotline-desk', purpose: 'COMPLAINT_HANDLING' } as const;
const handlerOf = (department: string) =>
  ({
    caller: 'agency',
    agency: `agency-${department.toLowerCase()}`,
    department,
    operatorId: `op-${department.toLowerCase()}`,
  }) as const;

const errorOf = (res: GraphQLResponse) => ({
  code: res.errors?.[0]?.extensions?.code,
  message: res.errors?.[0]?.message ?? '',
  argument: res.errors?.[0]?.extensions?.argument,
});

describe.each(ENGINES)('hotline mutations on %s', (engine) => {
  const hotline = useComplaints(engine, world);
  const heard: EntityChange[][] = [];
  let stopListening = () => {};
  beforeAll(() => {
    stopListening = onEntitiesChanged((changes) => heard.push([...changes]));
  });
  afterAll(() => stopListening());
  afterEach(() => {
    heard.length = 0;
  });

  /** Filed by an agency on the complainant's behalf (the gateway has checked its purpose). */
  const asDesk = (query: string, variables: Record<string, unknown>) =>
    hotline.query(query, variables, DESK);
  /** Sent by an agency of the complaint's handling department, with its operator. */
  const asHandler = async (
    query: string,
    variables: { input: { id: string } & Record<string, unknown> },
  ) => {
    const row = await hotline.database.db
      .selectFrom('complaint')
      .select('handling_department')
      .where('id', '=', variables.input.id)
      .executeTakeFirst();
    const department = handlingDepartmentCode(row?.handling_department ?? '市场监督管理局');
    return hotline.query(query, variables, handlerOf(department));
  };

  const countRows = async () => {
    const { count } = await hotline.database.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  };
  const counter = async (year: number) =>
    (
      await hotline.database.db
        .selectFrom('ticket_counter')
        .select('last_serial')
        .where('year', '=', year)
        .executeTakeFirst()
    )?.last_serial;

  it('files a RECEIVED complaint under the next ticket number of the year, passed to the agency of its category', async () => {
    const before = chinaDateTime(new Date());
    const res = await asDesk(FILE, { input: filing() });
    const after = chinaDateTime(new Date());
    expect(res.errors).toBeUndefined();
    const filed = dataField<ComplaintAnswer>(res, 'fileComplaint');
    const year = filed.filedAt.slice(0, 4);
    expect(filed).toEqual({
      id: `12345-${year}-${String(lastSeededSerial(year) + 1).padStart(6, '0')}`,
      filedAt: filed.filedAt,
      complainant: { nationalId: world.person(5).nationalId },
      against: { creditCode: world.company(3).creditCode },
      category: 'FOOD_SAFETY',
      description: '在该店购买的盒饭有明显异味，食用后腹泻，商家拒绝退款。',
      status: 'RECEIVED',
      handlingDepartment: '市场监督管理局',
      resolution: null,
      resolvedAt: null,
    });
    expect(filed.filedAt >= before && filed.filedAt <= after).toBe(true);
    expect(filed.filedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

    const stored = await hotline.query(
      `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`,
      {
        id: filed.id,
      },
    );
    expect(stored.data?.complaint).toEqual(filed);
    const listed = await hotline.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { complaints(first: 1) { nodes { id } } } } }',
      { r: [{ __typename: 'LegalEntity', creditCode: world.company(3).creditCode }] },
    );
    expect(listed.data?._entities).toEqual([{ complaints: { nodes: [{ id: filed.id }] } }]);
  });

  it('gives every filing its own ticket number, even filed at once, and each category its agency', async () => {
    const categories = Object.keys(HANDLING_DEPARTMENTS) as ComplaintCategory[];
    const answers = await Promise.all(
      categories.map((category) => asDesk(FILE, { input: filing({ category }) })),
    );
    const filed = answers.map((res) => {
      expect(res.errors).toBeUndefined();
      return dataField<ComplaintAnswer>(res, 'fileComplaint');
    });
    expect(new Set(filed.map((c) => c.id)).size).toBe(categories.length);
    expect(filed.map((c) => [c.category, c.handlingDepartment])).toEqual(
      categories.map((category) => [category, HANDLING_DEPARTMENTS[category]]),
    );
    const seededIds = new Set(seeded.map((c) => c.id));
    expect(filed.filter((c) => seededIds.has(c.id))).toEqual([]);
  });

  it('refuses a description under 10 or over 2000 characters, naming the field and the limits, and writes nothing', async () => {
    const rows = await countRows();
    for (const description of ['   太短了   ', '长'.repeat(2_001)]) {
      const res = await asDesk(FILE, { input: filing({ description }) });
      expect(errorOf(res)).toEqual({
        code: 'INVALID_ARGUMENT',
        argument: 'input.description',
        message: expect.stringContaining(
          'fileComplaint(input.description:) must be 10 to 2000 characters once spaces at either end are removed',
        ),
      });
    }
    expect(await countRows()).toBe(rows);
    expect(heard).toEqual([]);
    const longest = await asDesk(FILE, {
      input: filing({ description: '长'.repeat(2_000) }),
    });
    expect(longest.errors).toBeUndefined();
  });

  it('refuses a malformed national ID or credit code with the scalar’s own code', async () => {
    const badId = await asDesk(FILE, {
      input: filing({ complainantNationalId: '110105194912310021' }),
    });
    expect(errorOf(badId).code).toBe('INVALID_NATIONAL_ID');
    const badCode = await asDesk(FILE, {
      input: filing({ againstCreditCode: '91350100M000100Y44' }),
    });
    expect(errorOf(badCode).code).toBe('INVALID_CREDIT_CODE');
    expect(heard).toEqual([]);
  });

  it('resolves an open complaint, and rejects another, stamping the time and the resolution', async () => {
    const [first, second] = open;
    if (!first || !second) throw new Error('the test world has fewer than two open complaints');
    const before = chinaDateTime(new Date());
    const resolved = await asHandler(RESOLVE, {
      input: { id: first.id, outcome: 'RESOLVED', resolution: ' 商家已退款并道歉。 ' },
    });
    const rejected = await asHandler(RESOLVE, {
      input: { id: second.id, outcome: 'REJECTED', resolution: '证据不足，不予受理。' },
    });
    const after = chinaDateTime(new Date());
    expect(resolved.errors).toBeUndefined();
    expect(rejected.errors).toBeUndefined();
    const r = dataField<ComplaintAnswer>(resolved, 'resolveComplaint');
    const j = dataField<ComplaintAnswer>(rejected, 'resolveComplaint');
    expect(r).toMatchObject({
      id: first.id,
      filedAt: first.filedAt,
      description: first.description,
      status: 'RESOLVED',
      resolution: '商家已退款并道歉。',
    });
    expect(j).toMatchObject({
      id: second.id,
      status: 'REJECTED',
      resolution: '证据不足，不予受理。',
    });
    for (const answer of [r, j]) {
      expect((answer.resolvedAt ?? '') >= before && (answer.resolvedAt ?? '') <= after).toBe(true);
    }
  });

  it('refuses to close a complaint twice, saying when and how it was closed, and writes nothing', async () => {
    const c = closed[0];
    if (!c) throw new Error('the test world has no closed complaint');
    const res = await asHandler(RESOLVE, {
      input: { id: c.id, outcome: 'RESOLVED', resolution: '再次处理完毕。' },
    });
    expect(errorOf(res)).toEqual({
      code: 'COMPLAINT_ALREADY_CLOSED',
      argument: 'input.id',
      message: `Complaint ${c.id} was already closed: ${c.status} at ${c.resolvedAt} with the resolution ${JSON.stringify(c.resolution)}. A closed complaint is not closed again; file a new complaint if the matter has come back.`,
    });
    const stored = await hotline.query(
      `query($id: ID!) { complaint(id: $id) { status resolution resolvedAt } }`,
      {
        id: c.id,
      },
    );
    expect(stored.data?.complaint).toEqual({
      status: c.status,
      resolution: c.resolution,
      resolvedAt: c.resolvedAt,
    });
    expect(heard).toEqual([]);
  });

  it('refuses an unknown ticket number with COMPLAINT_NOT_FOUND', async () => {
    const res = await asHandler(RESOLVE, {
      input: { id: '12345-2019-000001', outcome: 'REJECTED', resolution: '无此投诉记录。' },
    });
    expect(errorOf(res)).toEqual({
      code: 'COMPLAINT_NOT_FOUND',
      argument: 'input.id',
      message: expect.stringContaining('No complaint has ticket number "12345-2019-000001"'),
    });
    expect(heard).toEqual([]);
  });

  it('refuses a resolution under 5 characters, naming the field and the limits, and leaves the complaint open', async () => {
    const c = open[2];
    if (!c) throw new Error('the test world has fewer than three open complaints');
    const res = await asHandler(RESOLVE, {
      input: { id: c.id, outcome: 'RESOLVED', resolution: ' 已办 ' },
    });
    expect(errorOf(res)).toEqual({
      code: 'INVALID_ARGUMENT',
      argument: 'input.resolution',
      message: expect.stringContaining(
        'resolveComplaint(input.resolution:) must be 5 to 2000 characters once spaces at either end are removed; got 2.',
      ),
    });
    const stored = await hotline.query('query($id: ID!) { complaint(id: $id) { status } }', {
      id: c.id,
    });
    expect(stored.data?.complaint).toEqual({ status: c.status });
  });

  it('announces the changed entities after the commit, when a reader already sees the write', async () => {
    const reads: Promise<unknown>[] = [];
    const stop = onEntitiesChanged((changes) => {
      const complaint = changes.find((c) => c.typename === 'Complaint');
      reads.push(
        hotline.database.db
          .selectFrom('complaint')
          .select(['id', 'status'])
          .where('id', '=', complaint?.key ?? '')
          .executeTakeFirst(),
      );
    });
    try {
      const filed = dataField<ComplaintAnswer>(
        await asDesk(FILE, { input: filing({ category: 'LABOUR' }) }),
        'fileComplaint',
      );
      const keys = [
        { typename: 'Complaint', key: filed.id },
        { typename: 'LegalEntity', key: world.company(3).creditCode },
        { typename: 'Person', key: world.person(5).nationalId },
      ];
      expect(heard).toEqual([keys]);
      await asHandler(RESOLVE, {
        input: { id: filed.id, outcome: 'RESOLVED', resolution: '已督促企业补发工资。' },
      });
      expect(heard).toEqual([keys, keys]);
      expect(await Promise.all(reads)).toEqual([
        { id: filed.id, status: 'RECEIVED' },
        { id: filed.id, status: 'RESOLVED' },
      ]);
    } finally {
      stop();
    }
  });

  it('writes nothing and announces nothing when a filing fails part-way', async () => {
    const filed = dataField<ComplaintAnswer>(
      await asDesk(FILE, { input: filing() }),
      'fileComplaint',
    );
    heard.length = 0;
    // Wind the counter back: the next serial then collides with the filing above, so the
    // complaint insert fails after the counter was already advanced in the transaction.
    const year = Number(filed.id.slice(6, 10));
    const serial = Number(filed.id.slice(11));
    await hotline.database.db
      .updateTable('ticket_counter')
      .set({ last_serial: serial - 1 })
      .where('year', '=', year)
      .execute();
    const rows = await countRows();
    const res = await asDesk(FILE, { input: filing({ category: 'PRICING' }) });
    expect(errorOf(res).code).toBe('INTERNAL_ERROR');
    expect(res.errors?.[0]?.message).not.toContain('complaint');
    expect(await countRows()).toBe(rows);
    expect(await counter(year)).toBe(serial - 1);
    expect(heard).toEqual([]);
    // Put the counter right so later filings (in this run) continue after the last serial.
    await hotline.database.db
      .updateTable('ticket_counter')
      .set({ last_serial: serial })
      .where('year', '=', year)
      .execute();
  });

  it('keeps a committed filing, and tells the other listeners, when one listener throws', async () => {
    const stopThrowing = onEntitiesChanged(() => {
      throw new Error('cache publisher down');
    });
    // Subscribed after the failing one, so it is called after the throw.
    const later: (readonly EntityChange[])[] = [];
    const stopLater = onEntitiesChanged((changes) => later.push(changes));
    try {
      const res = await asDesk(FILE, { input: filing({ category: 'SERVICE' }) });
      expect(res.errors).toBeUndefined();
      const filed = dataField<ComplaintAnswer>(res, 'fileComplaint');
      expect(later.map((changes) => changes[0])).toEqual([
        { typename: 'Complaint', key: filed.id },
      ]);
      const stored = await hotline.query('query($id: ID!) { complaint(id: $id) { status } }', {
        id: filed.id,
      });
      expect(stored.data?.complaint).toEqual({ status: 'RECEIVED' });
    } finally {
      stopThrowing();
      stopLater();
    }
  });

  it('stops announcing to a listener that unsubscribed', async () => {
    const gone: unknown[] = [];
    const stop = onEntitiesChanged((changes) => gone.push(changes));
    stop();
    await asDesk(FILE, { input: filing() });
    expect(gone).toEqual([]);
    expect(heard).toHaveLength(1);
  });
});
