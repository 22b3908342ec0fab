// Run by auditLog.test.ts as a second gateway process appending to the same hub database.
import { createLogger } from '@govgraph/server';
import { createAuditLog, hubStoreConfig, openHubStore } from '../src/index.js';
import { auditEntry } from './auditEntries.js';

const [from = '0', count = '0'] = process.argv.slice(2);
const store = await openHubStore(hubStoreConfig(process.env));
const log = createAuditLog({ store, logger: createLogger('child', 'silent'), maxBatch: 5 });
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) => log.append(auditEntry(Number(from) + i))),
);
await log.close();
await store.close();
process.stdout.write(JSON.stringify({ flushes: log.flushes }));
