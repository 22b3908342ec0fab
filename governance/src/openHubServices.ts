import type { DatabaseOptions } from '@govgraph/department/db';
import type { Logger } from '@govgraph/server';
import { createAccessRegistry, type HubAccessRegistry } from './access/createAccessRegistry.js';
import { createOperatorSessions } from './access/operatorSessions.js';
import { createAuditLog, type HubAuditLog } from './audit/createAuditLog.js';
import type { HubAccessConfig } from './hubConfig.js';
import { syncRegistryFile } from './registry/syncRegistryFile.js';
import { type HubStore, openHubStore } from './store/openHubStore.js';
import type { OperatorSessions } from './types.js';

/** What a gateway needs of the hub store: who may call, and where accesses are recorded. */
export interface HubServices {
  store: HubStore;
  registry: HubAccessRegistry;
  auditLog: HubAuditLog;
  /** Sign-in of service-desk operators (served by the gateway at `/desk/session`). */
  sessions: OperatorSessions;
  /** Flushes the audit log, then stops the registry's refresh and closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the hub store, syncs the reviewed registry file into it, and makes the access
 * registry and the audit log over it: the one way a gateway process (`npm start`, the
 * production gateway and each of its workers) gets them.
 */
export async function openHubServices(options: {
  database: DatabaseOptions;
  access: HubAccessConfig;
  logger: Logger;
}): Promise<HubServices> {
  const { access, logger } = options;
  const store = await openHubStore(options.database);
  try {
    await syncRegistryFile(store, access.registryFile);
    const registry = await createAccessRegistry({
      store,
      audience: access.audience,
      logger: logger.child({ component: 'access registry' }),
      ...(access.citizenIssuer ? { citizenIssuer: access.citizenIssuer } : {}),
    });
    const auditLog = createAuditLog({ store, logger: logger.child({ component: 'audit log' }) });
    return {
      store,
      registry,
      auditLog,
      sessions: createOperatorSessions(store),
      close: async () => {
        await auditLog.close();
        await registry.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
