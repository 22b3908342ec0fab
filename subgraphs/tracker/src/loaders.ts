import type { AuditReader, AuditRecord, HubDB } from '@govgraph/hub';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';

/** One subject's newest `limit` audit records. */
export interface AccessLogKey {
  subject: string;
  limit: number;
}

export interface TrackerLoaders {
  /** Audit records naming a subject, newest first: one read of the audit store per batch and page size. */
  accessLog: DataLoader<AccessLogKey, readonly AuditRecord[], string>;
  /** An agency's registered name by id; null when it is no longer registered. */
  agencyName: DataLoader<string, string | null>;
}

/** Loaders for one request: an access log for a list of N people costs one statement, not N. */
export function createLoaders(reader: AuditReader, db: Kysely<HubDB>): TrackerLoaders {
  return {
    accessLog: new DataLoader(
      async (keys) => {
        // Usually every key asks for the same page size; each distinct size is one read.
        const byLimit = new Map<number, string[]>();
        for (const { subject, limit } of keys) {
          const subjects = byLimit.get(limit) ?? [];
          subjects.push(subject);
          byLimit.set(limit, subjects);
        }
        const found = new Map<string, readonly AuditRecord[]>();
        await Promise.all(
          [...byLimit].map(async ([limit, subjects]) => {
            const records = await reader.recordsForSubjects(subjects, limit);
            for (const subject of subjects) {
              found.set(`${limit}:${subject}`, records.get(subject) ?? []);
            }
          }),
        );
        return keys.map((key) => found.get(`${key.limit}:${key.subject}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.limit}:${key.subject}` },
    ),
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
