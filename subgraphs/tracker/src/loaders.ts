import type { AuditReader, AuditRecord, HubDB } from '@govgraph/governance';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';

/** One page of a subject's audit records: the newest `limit`, older than `before` when set. */
export interface AccessLogKey {
  subject: string;
  limit: number;
  before?: number | undefined;
}

export interface TrackerLoaders {
  /** Audit records naming a subject, newest first: one read of the audit store per batch and page shape. */
  accessLog: DataLoader<AccessLogKey, readonly AuditRecord[], string>;
  /** How many audit records name a subject: one read per batch. */
  accessLogCount: DataLoader<string, number>;
  /** An agency's registered name by id; null when it is no longer registered. */
  agencyName: DataLoader<string, string | null>;
}

const pageShape = (key: AccessLogKey) => `${key.limit}:${key.before ?? ''}`;

/** Loaders for one request: an access log for a list of N people costs one statement, not N. */
export function createLoaders(reader: AuditReader, db: Kysely<HubDB>): TrackerLoaders {
  return {
    accessLog: new DataLoader(
      async (keys) => {
        // Usually every key asks for the same page shape (a first page of one size); each
        // distinct shape is one read.
        const byShape = new Map<string, { key: AccessLogKey; subjects: string[] }>();
        for (const key of keys) {
          const group = byShape.get(pageShape(key)) ?? { key, subjects: [] };
          group.subjects.push(key.subject);
          byShape.set(pageShape(key), group);
        }
        const found = new Map<string, readonly AuditRecord[]>();
        await Promise.all(
          [...byShape].map(async ([shape, { key, subjects }]) => {
            const records = await reader.recordsForSubjects(subjects, key.limit, {
              ...(key.before !== undefined ? { before: key.before } : {}),
            });
            for (const subject of subjects) {
              found.set(`${shape}:${subject}`, records.get(subject) ?? []);
            }
          }),
        );
        return keys.map((key) => found.get(`${pageShape(key)}:${key.subject}`) ?? []);
      },
      { cacheKeyFn: (key) => `${pageShape(key)}:${key.subject}` },
    ),
    accessLogCount: new DataLoader(async (subjects) => {
      const counts = await reader.countsForSubjects(subjects);
      return subjects.map((subject) => counts.get(subject) ?? 0);
    }),
    agencyName: new DataLoader(async (ids) => {
      const rows = await db
        .selectFrom('agencies')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .execute();
      const names = new Map(rows.map((r) => [r.id, r.name]));
      return ids.map((id) => names.get(id) ?? null);
    }),
  };
}
