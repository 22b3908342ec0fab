import { Socket } from 'node:net';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '@govgraph/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReadPipeline, type ReadPipeline } from '../src/db/readPipeline.js';

// The pipeline's connections are made on sockets that count their writes to the server, so
// these tests see how many writes a tick's reads took, beside what each read answered.

class CountingSocket extends Socket {
  writes = 0;
  override _write(
    chunk: unknown,
    encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ) {
    this.writes++;
    super._write(chunk, encoding, callback);
  }
  override _writev(
    chunks: { chunk: unknown; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ) {
    this.writes++;
    // biome-ignore lint/style/noNonNullAssertion: net.Socket always has _writev
    super._writev!(chunks, callback);
  }
}

describe('the read pipeline on PostgreSQL', () => {
  let testDb: TestDatabase;
  let url: string;
  const sockets: CountingSocket[] = [];
  const errors: Error[] = [];
  let pipeline: ReadPipeline;
  /** A pipeline on counting sockets; one connection unless asked, so each tick uses the same. */
  const open = (connections = 1) =>
    createReadPipeline(
      {
        connectionString: url,
        stream: () => {
          const socket = new CountingSocket();
          sockets.push(socket);
          return socket;
        },
      },
      { onError: (error) => errors.push(error), connections },
    );
  const pid = (p: ReadPipeline) =>
    p.send({ text: 'select pg_backend_pid() as pid' }).result.then((r) => r.rows[0]?.pid as number);

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres', 'read_pipeline');
    url = testDb.options.url ?? '';
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query('create table item (id integer primary key, name text not null)');
    await setup.query(`insert into item select n, 'item ' || n from generate_series(1, 20) as n`);
    await setup.end();
  });
  afterEach(async () => {
    await pipeline?.end();
    sockets.length = 0;
    errors.length = 0;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const byId = 'select * from item where id in ($1)';

  it('sends the reads of one tick in one write, on one connection, each with its own answer', async () => {
    pipeline = open();
    const first = await pid(pipeline);
    expect(sockets).toHaveLength(1);
    const socket = sockets[0] as CountingSocket;
    const before = socket.writes;
    const reads = [3, 1, 4, 15, 9].map((id) =>
      pipeline.send({ name: 'pipe_by_id', text: byId, values: [id] }),
    );
    const answers = await Promise.all(reads.map((read) => read.result));
    expect(answers.map((answer) => answer.rows)).toEqual(
      [3, 1, 4, 15, 9].map((id) => [{ id, name: `item ${id}` }]),
    );
    expect(socket.writes - before).toBe(1);
    // The next tick's reads are a write of their own, on the same connection.
    const again = pipeline.send({ name: 'pipe_by_id', text: byId, values: [2] });
    expect((await again.result).rows).toEqual([{ id: 2, name: 'item 2' }]);
    expect(socket.writes - before).toBe(2);
    expect(await pid(pipeline)).toBe(first);
    expect(sockets).toHaveLength(1);
  });

  it('gives the ticks two connections in turn, each tick’s reads in one write', async () => {
    pipeline = open(2);
    const tickOf = (ids: number[]) =>
      Promise.all([
        pid(pipeline),
        ...ids.map((id) => pipeline.send({ name: 'pipe_by_id', text: byId, values: [id] }).result),
      ]);
    const [firstPid, ...firstRows] = await tickOf([1, 2]);
    const [secondPid, ...secondRows] = await tickOf([3]);
    expect(firstRows.map((r) => r.rows)).toEqual([
      [{ id: 1, name: 'item 1' }],
      [{ id: 2, name: 'item 2' }],
    ]);
    expect(secondRows.map((r) => r.rows)).toEqual([[{ id: 3, name: 'item 3' }]]);
    expect(secondPid).not.toBe(firstPid);
    expect(sockets).toHaveLength(2);
    const writes = sockets.map((socket) => socket.writes);
    const [thirdPid, ...thirdRows] = await tickOf([4, 5, 6]);
    expect(thirdPid).toBe(firstPid);
    expect(thirdRows.map((r) => r.rows[0]?.id)).toEqual([4, 5, 6]);
    // The third tick went back to the first connection, in one write; the second had none.
    expect(sockets.map((socket, i) => socket.writes - (writes[i] ?? 0))).toEqual([1, 0]);
    expect(sockets).toHaveLength(2);
  });

  it('prepares a named read once on its connection', async () => {
    pipeline = open();
    await Promise.all(
      [1, 2, 3].map((id) => pipeline.send({ name: 'pipe_by_id', text: byId, values: [id] }).result),
    );
    await pipeline.send({ name: 'pipe_by_id', text: byId, values: [4] }).result;
    const prepared = await pipeline.send({
      text: 'select name, statement from pg_prepared_statements where name = $1',
      values: ['pipe_by_id'],
    }).result;
    expect(prepared.rows).toEqual([{ name: 'pipe_by_id', statement: byId }]);
  });

  it('fails a failing read alone, and the reads around it are answered', async () => {
    pipeline = open();
    const reads = [
      pipeline.send({ text: 'select name from item where id = $1', values: [5] }).result,
      pipeline.send({ text: 'select 1 / (id - id) as boom from item where id = $1', values: [5] })
        .result,
      pipeline.send({ text: 'select name from item where id = $1', values: [6] }).result,
    ];
    const [before, failed, after] = await Promise.allSettled(reads);
    expect(before).toMatchObject({ status: 'fulfilled', value: { rows: [{ name: 'item 5' }] } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { rows: [{ name: 'item 6' }] } });
  });

  it('answers each read with its own rows when a caller’s value is refused between them', async () => {
    // A key a caller typed with a NUL in it: the server refuses its values, and the reads of
    // other requests sent in the same write must not take its place in the answers.
    pipeline = open();
    const byName = 'select id from item where name = $1';
    const reads = ['item 7', 'item 8\u0000', 'item 9', 'item 10'].map(
      (name) => pipeline.send({ name: 'pipe_by_name', text: byName, values: [name] }).result,
    );
    const settled = await Promise.allSettled(reads);
    expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { rows: [{ id: 7 }] } });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { code: '22021' } });
    expect(settled[2]).toMatchObject({ status: 'fulfilled', value: { rows: [{ id: 9 }] } });
    expect(settled[3]).toMatchObject({ status: 'fulfilled', value: { rows: [{ id: 10 }] } });
    const again = await pipeline.send({ name: 'pipe_by_name', text: byName, values: ['item 8'] })
      .result;
    expect(again.rows).toEqual([{ id: 8 }]);
  });

  it('reports a connection the server ended, fails its reads, and reads on a new one', async () => {
    pipeline = open();
    const first = await pid(pipeline);
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    const slow = pipeline
      .send({ text: 'select pg_sleep(5), $1::int as n', values: [1] })
      .result.then(
        () => 'answered',
        (error: unknown) => error,
      );
    await vi.waitFor(async () => {
      const { rows } = await admin.query(
        'select 1 from pg_stat_activity where pid = $1 and wait_event = $2',
        [first, 'PgSleep'],
      );
      expect(rows).toHaveLength(1);
    });
    await admin.query('select pg_terminate_backend($1)', [first]);
    await admin.end();
    expect(await slow).toMatchObject({ code: '57P01' });
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    const next = await pid(pipeline);
    expect(next).not.toBe(first);
    expect(sockets).toHaveLength(2);
  });

  it('fails the reads of a connection that cannot be made, and tries again for the next', async () => {
    const working = url;
    url = 'postgres://postgres@127.0.0.1:1/none';
    try {
      pipeline = open();
      await expect(pipeline.send({ text: 'select 1' }).result).rejects.toThrow(/Connection/);
      await expect(pipeline.send({ text: 'select 1' }).result).rejects.toThrow(/Connection/);
      expect(sockets).toHaveLength(2);
    } finally {
      url = working;
    }
  });

  it('retires a connection: new reads open another, and it closes once its reads are answered', async () => {
    pipeline = open();
    const first = await pid(pipeline);
    const pending = pipeline.send({ text: 'select pg_sleep(0.2), $1::int as n', values: [7] });
    pipeline.retire(pending);
    const next = await pid(pipeline);
    expect(next).not.toBe(first);
    expect((await pending.result).rows).toEqual([{ pg_sleep: '', n: 7 }]);
    await vi.waitFor(() => expect((sockets[0] as CountingSocket).destroyed).toBe(true));
  });
});
