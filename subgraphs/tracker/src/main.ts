import { hubStoreConfig } from '@govgraph/hub';
import {
  ConfigError,
  createHubContextVerifier,
  createLogger,
  departmentConfig,
  type HubContextVerifier,
  hubContextPublicKeysVar,
} from '@govgraph/schema/runtime';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/tracker`. TRACKER_PORT (default 4009), LOG_LEVEL,
// HUB_CONTEXT_PUBLIC_KEYS (the gateway's token keys, required);
// the database is the hub's own store, which the gateway's audit log writes: TRACKER_DATABASE_URL
// when set, otherwise HUB_DATABASE_URL, otherwise `hub.sqlite` in GOVGRAPH_DATA_DIR. (The
// shared runDepartmentMain would open `tracker.sqlite`, an empty store of its own.)
let config: ReturnType<typeof departmentConfig>;
let hubStore: ReturnType<typeof hubStoreConfig>;
let hubContext: HubContextVerifier;
try {
  config = departmentConfig(department.envPrefix, department.defaultPort);
  hubStore = hubStoreConfig();
  hubContext = createHubContextVerifier({ publicKeys: hubContextPublicKeysVar() });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${department.name}: ${error.message}`);
  process.exit(2);
}
const logger = createLogger(department.name, config.logLevel);
const database = await department.openDatabase({
  url: config.databaseUrl ?? hubStore.url,
  sqliteFile: hubStore.sqliteFile,
  onIdleConnectionError: (err) =>
    logger.warn({ err }, 'a database connection was closed by the server; reconnecting on demand'),
});
const listening = await department
  .createServer({ database, logger, hubContext })
  .listen(config.port, '0.0.0.0');
logger.info(
  { port: listening.port, engine: database.engine },
  `${department.title} subgraph listening`,
);
const stop = async () => {
  await listening.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
