import { sql, type Transaction } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { HubDB } from '../store/schema.js';
import type { AuditEntry } from '../types.js';
import type { AuditChainWriter } from './auditChainWriter.js';
import { AUDIT_ROW_COLUMNS, subjectsOf, toAuditRow } from './auditRows.js';
import { chainRecords } from './chainRecords.js';

const columns = sql.join(AUDIT_ROW_COLUMNS.map((c) => sql.ref(c)));

/** Tries of one batch while other gateway instances keep moving the head first. */
const MAX_ATTEMPTS = 50;
/** Records past the mark before a sweep starts under load, without waiting for quiet. */
const SWEEP_AFTER_RECORDS = 512;
/** How long the chain must be quiet (no batch committed here) before a sweep takes what trails. */
const SWEEP_WHEN_QUIET_MS = 250;
/** Most records one sweep transaction indexes; a longer backlog takes several. */
const SWEEP_MAX_RECORDS = 2048;
/** How long after a failed sweep (the server away) it is tried again. */
const RETRY_MS = 1000;
/** Longest a closing writer waits to sweep to the head (another instance's sweep, a server away). */
const CLOSE_SWEEP_MS = 5000;
/**
 * The transaction-level advisory lock a sweep holds (any constant unique to this use), so the
 * gateway instances sharing a store sweep one at a time instead of writing the same rows.
 */
export const AUDIT_SWEEP_LOCK = 0x61756478; // "audx"

interface SweepResult {
  /** The mark after the sweep. */
  indexed: number;
  /** The chain head the sweep saw. */
  head: number;
  /** Another instance held the sweep lock: nothing was done. */
  busy: boolean;
}

/**
 * Writes the chain to PostgreSQL in one round trip per batch: it chains the batch from the head
 * it last saw, and one statement moves the head only if it is still there and, in the same
 * statement, inserts the records. When another gateway instance moved the head first, nothing
 * is written; it reads the head again and chains the batch anew. Concurrent statements take
 * turns on the head row's lock, so the chain stays one line.
 *
 * The subject index trails the head, as on a SQLite file (docs/architecture.md#the-subject-index):
 * a 100-person list's index rows made a batch's statement several times longer, and every request
 * waits for its batch to commit. A sweep indexes the records past the mark in bulk, in key order,
 * once 512 trail or the chain has been quiet for 250 ms, then moves the mark; the reader takes
 * the records past the mark from the chain meanwhile.
 */
export function createPostgresChainWriter(
  store: HubStore,
  { closeSweepMs = CLOSE_SWEEP_MS }: { closeSweepMs?: number } = {},
): AuditChainWriter {
  let known: { seq: number; hash: string } | undefined;
  /** The mark as last seen: what the index covers (other instances may have moved it on). */
  let indexed = 0;
  let listener: ((records: number) => void) | undefined;
  let sweeping: Promise<void> | undefined;
  let quietTimer: NodeJS.Timeout | undefined;
  let lastCommit = performance.now();
  let closed = false;

  const readHead = async () => {
    const head = await store.db
      .selectFrom('audit_head')
      .select(['seq', 'hash', 'indexed_seq'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
    indexed = Number(head.indexed_seq);
    return { seq: Number(head.seq), hash: head.hash };
  };

  const tryWrite = async (head: { seq: number; hash: string }, entries: readonly AuditEntry[]) => {
    const records = chainRecords(head, entries);
    const last = records.at(-1);
    if (!last) return true;
    // The inserts run only when the head moved (`exists (select 1 from moved)`), and a row lock
    // taken by a concurrent writer makes this one wait, then see the head it left.
    const { rows } = await sql<{ moved: number }>`
      with moved as (
        update audit_head set seq = ${last.seq}, hash = ${last.hash}
        where id = 1 and seq = ${head.seq} and hash = ${head.hash}
        returning seq
      ), inserted as (
        insert into audit_records (${columns})
        select ${columns}
        from json_populate_recordset(null::audit_records, ${JSON.stringify(records.map(toAuditRow))})
        where exists (select 1 from moved)
      )
      select count(*)::int as moved from moved`.execute(store.db);
    if (Number(rows[0]?.moved) !== 1) return false;
    known = { seq: last.seq, hash: last.hash };
    return true;
  };

  // One sweep transaction: the subjects of the records past the mark (at most
  // SWEEP_MAX_RECORDS), in key order, then the mark. Rows already there (a sweep that died
  // before its commit is rolled back, but another instance may have written some) are kept.
  // The head row is locked only by the last statement, for the commit's length.
  const sweepOnce = (wait: boolean): Promise<SweepResult> =>
    store.db.transaction().execute(async (trx) => {
      const lock = wait
        ? sql<{
            busy: boolean;
          }>`select false as busy from pg_advisory_xact_lock(${AUDIT_SWEEP_LOCK})`
        : sql<{ busy: boolean }>`select not pg_try_advisory_xact_lock(${AUDIT_SWEEP_LOCK}) as busy`;
      const busy = (await lock.execute(trx)).rows[0];
      const head = await trx
        .selectFrom('audit_head')
        .select(['seq', 'indexed_seq'])
        .where('id', '=', 1)
        .executeTakeFirst();
      if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
      const from = Number(head.indexed_seq);
      const seq = Number(head.seq);
      if (busy?.busy || from >= seq) return { indexed: from, head: seq, busy: !!busy?.busy };
      const to = Math.min(seq, from + SWEEP_MAX_RECORDS);
      await indexRecords(trx, from, to);
      return { indexed: to, head: seq, busy: false };
    });

  const sweepWhenQuiet = () => {
    if (quietTimer || closed) return;
    const wait = Math.max(1, lastCommit + SWEEP_WHEN_QUIET_MS - performance.now());
    quietTimer = setTimeout(() => {
      quietTimer = undefined;
      if (performance.now() - lastCommit < SWEEP_WHEN_QUIET_MS) return sweepWhenQuiet();
      sweepInBackground();
    }, wait);
    // A pending sweep never keeps the process alive.
    quietTimer.unref();
  };

  // Sweeps while a full sweep's worth trails; what is left waits for quiet. A failure (the
  // server away) is tried again later: the records are kept, only their index waits.
  const sweepInBackground = () => {
    if (sweeping || closed) return;
    sweeping = (async () => {
      try {
        for (;;) {
          const result = await sweepOnce(false);
          indexed = result.indexed;
          const left = Math.max(0, result.head - result.indexed);
          if (result.busy || left < SWEEP_AFTER_RECORDS) {
            listener?.(left);
            if (left > 0) sweepWhenQuiet();
            return;
          }
        }
      } catch {
        lastCommit = performance.now() + RETRY_MS;
        sweepWhenQuiet();
      } finally {
        sweeping = undefined;
      }
    })();
  };

  const afterCommit = (head: number) => {
    lastCommit = performance.now();
    const trailing = Math.max(0, head - indexed);
    if (trailing >= SWEEP_AFTER_RECORDS) sweepInBackground();
    else if (trailing > 0) sweepWhenQuiet();
    return trailing;
  };

  // Up to the head as it was when asked: other instances' appends do not keep it going. With
  // `wait`, behind another instance's sweep; without, that sweep is left to finish the work.
  const sweepToHead = async (wait: boolean) => {
    while (sweeping) await sweeping;
    const { seq } = await readHead();
    for (;;) {
      const result = await sweepOnce(wait);
      indexed = result.indexed;
      if (result.busy || result.indexed >= seq || result.indexed >= result.head) {
        listener?.(Math.max(0, result.head - result.indexed));
        return;
      }
    }
  };
  const indexSubjects = () => sweepToHead(true);

  return {
    async write(entries) {
      try {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          known ??= await readHead();
          if (await tryWrite(known, entries)) return { indexTrailing: afterCommit(known.seq) };
          known = undefined;
        }
      } catch (error) {
        // Whether it committed is unknown (a lost connection): read the head next time.
        known = undefined;
        throw error;
      }
      throw new Error(`the audit chain head moved under every one of ${MAX_ATTEMPTS} tries`);
    },
    indexSubjects,
    onIndexTrailing(next) {
      listener = next;
    },
    // Sweeps to the head, as the SQLite writer's thread does, unless another instance is
    // sweeping (it finishes the work), and for at most closeSweepMs: a store that is away
    // leaves the rest to whichever instance writes next, and never holds up a stopping gateway.
    async close() {
      if (quietTimer) clearTimeout(quietTimer);
      quietTimer = undefined;
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, closeSweepMs);
        timer.unref();
      });
      await Promise.race([sweepToHead(false).catch(() => {}), waited]);
      clearTimeout(timer);
    },
  };
}

/**
 * A JSON array of plain strings (no escapes, no control characters), as every record the hub
 * writes holds: national IDs and credit codes. PostgreSQL expands those itself; any other text
 * (an edited record: verify names it) is read here instead, so it can never fail the sweep.
 */
const PLAIN_SUBJECTS = '^\\[("[^"\\\\[:cntrl:]]*"(,"[^"\\\\[:cntrl:]]*")*)?\\]$';

/** Writes the index rows of records (from, to] in key order and moves the mark to `to`. */
async function indexRecords(trx: Transaction<HubDB>, from: number, to: number): Promise<void> {
  await sql`
    insert into audit_subjects (subject, seq)
    select s.subject, r.seq
    from audit_records r, json_array_elements_text(r.subjects::json) as s(subject)
    where r.seq > ${from} and r.seq <= ${to} and r.subjects ~ ${PLAIN_SUBJECTS}
    order by 1, 2
    on conflict do nothing`.execute(trx);
  const others = await trx
    .selectFrom('audit_records')
    .select(['seq', 'subjects'])
    .where('seq', '>', from)
    .where('seq', '<=', to)
    .where(sql<boolean>`not (subjects ~ ${PLAIN_SUBJECTS})`)
    .execute();
  // A record whose subjects are not a JSON array adds none.
  const rows = others.flatMap((r) =>
    [...new Set(subjectsOf(r.subjects))].map((subject) => ({ subject, seq: Number(r.seq) })),
  );
  if (rows.length > 0) {
    await sql`
      insert into audit_subjects (subject, seq)
      select subject, seq from json_populate_recordset(null::audit_subjects, ${JSON.stringify(rows)})
      on conflict do nothing`.execute(trx);
  }
  await sql`update audit_head set indexed_seq = greatest(indexed_seq, ${to}) where id = 1`.execute(
    trx,
  );
}
