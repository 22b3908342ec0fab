import type { AuditEntry, AuditLog } from '@govgraph/governance';

/** An audit log in memory; set `failing` to make appends fail as a lost database would. */
export class MemoryAuditLog implements AuditLog {
  entries: AuditEntry[] = [];
  failing = false;
  async append(entry: AuditEntry): Promise<void> {
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    this.entries.push(entry);
  }
  async close(): Promise<void> {}
}
