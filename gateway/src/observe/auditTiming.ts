import type { AuditLog, HubAuditLog } from '@govgraph/governance';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';

/** An audit log that can report each transaction it writes (the hub's createAuditLog can). */
type ObservableAuditLog = AuditLog & Pick<HubAuditLog, 'observe'>;

function isObservable(log: AuditLog): log is ObservableAuditLog {
  return typeof (log as Partial<ObservableAuditLog>).observe === 'function';
}

/**
 * The audit log as the gateway uses it, timed: every append's wait until it commits (or fails
 * closed) goes to `govgraph_audit_append_duration_seconds`, the hub log's batch sizes to
 * `govgraph_audit_batch_size`, and how far its subject index trails the chain to
 * `govgraph_audit_index_trailing_records`.
 */
export function observedAuditLog(log: AuditLog, metrics: GatewayMetrics): AuditLog {
  if (isObservable(log)) {
    log.observe({
      flushed: (entries) => metrics.auditBatchSize.observe(entries),
      indexTrailing: (records) => metrics.auditIndexTrailing.set(records),
    });
  }
  return {
    async append(entry) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        await log.append(entry);
        metrics.auditAppendDuration.observe({ outcome: 'ok' }, seconds());
      } catch (error) {
        metrics.auditAppendDuration.observe({ outcome: 'failed' }, seconds());
        throw error;
      }
    },
    close: () => log.close(),
  };
}
