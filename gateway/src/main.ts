import { readFileSync } from 'node:fs';
import {
  type HubServices,
  hubAccessConfig,
  hubStoreConfig,
  openHubServices,
} from '@govgraph/governance';
import {
  ConfigError,
  createCallerTokenSigner,
  createLogger,
  type Logger,
  startTracing,
} from '@govgraph/server';
import { isSupervisor, reportWorkerReady, superviseWorkers } from './cluster/superviseWorkers.js';
import { useWorkerHeader } from './cluster/useWorkerHeader.js';
import { gatewayConfig } from './config.js';
import { createGatewayServer } from './createGateway.js';
import { departmentNamesOf, departmentUrls } from './supergraph/departmentUrls.js';

// Production edge: `npm start -w @govgraph/gateway` (GATEWAY_PORT, SUPERGRAPH_PATH, ...).
let config: ReturnType<typeof gatewayConfig>;
try {
  config = gatewayConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`gateway: ${error.message}`);
  process.exit(2);
}

const logger = createLogger('gateway', config.logLevel);

// GATEWAY_WORKERS > 1: this process only forks and watches the workers; each worker runs
// this same file and serves below, all on the one port.
if (isSupervisor(config.workers)) {
  superviseWorkers({ workers: config.workers, logger });
} else {
  await serve(config);
}

async function serve(config: ReturnType<typeof gatewayConfig>): Promise<void> {
  if (!config.callerTokenPrivateKey) {
    // Departments refuse every request without a signed caller token: fail at start, not per query.
    logger.fatal(
      'CALLER_TOKEN_PRIVATE_KEY is not set: departments accept only requests signed with it (docs/access.md shows how to make a key pair)',
    );
    process.exit(2);
  }
  // OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md#tracing).
  const tracing = startTracing({ serviceName: 'govgraph-gateway' });
  const signer = await createCallerTokenSigner({ privateKey: config.callerTokenPrivateKey });
  const subgraphUrls = urlsFromEnv(config.supergraphPath, logger);
  const hub = await openHub(logger);
  const gateway = createGatewayServer({
    supergraphPath: config.supergraphPath,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    subgraphBatchOperations: config.subgraphBatchOperations,
    subgraphPersistedQueries: config.subgraphPersistedQueries,
    subgraphUrls,
    departmentGuard: config.departmentGuard,
    logger,
    cache: config.cache,
    rateLimit: config.rateLimit,
    limits: config.limits,
    access: { registry: hub.registry, signer },
    audit: { log: hub.auditLog },
    executor: config.executor,
  });
  if (config.workers > 1) gateway.server.addPlugin(useWorkerHeader());

  let listening: Awaited<ReturnType<typeof gateway.listen>>;
  try {
    listening = await gateway.listen(config.port, config.host);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal(
      { err: error, path: config.supergraphPath },
      `gateway could not start: ${reason} (SUPERGRAPH_PATH=${config.supergraphPath})`,
    );
    process.exit(1);
  }
  reportWorkerReady();
  logger.info(
    { port: listening.port, supergraph: config.supergraphPath, pid: process.pid },
    `gateway listening; GraphiQL at http://localhost:${listening.port}/graphiql`,
  );

  const stop = async () => {
    await listening.close();
    await hub.close();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * The hub store this gateway identifies callers with and records the audit log in
 * (HUB_DATABASE_URL, or the SQLite file in GOVGRAPH_DATA_DIR; HUB_REGISTRY_FILE synced first).
 */
async function openHub(logger: Logger): Promise<HubServices> {
  try {
    return await openHubServices({ database: hubStoreConfig(), access: hubAccessConfig(), logger });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`gateway: ${error.message}`);
    process.exit(2);
  }
}

/**
 * `<DEPARTMENT>_URL` for each department of the supergraph (`POPULATION_URL`, …): where it
 * runs when not at the URL composed into the file. A bad URL stops the start (exit 2); a
 * `*_URL` naming no department is a warning (a typo would otherwise route to the old URL).
 */
function urlsFromEnv(supergraphPath: string, logger: Logger): Record<string, string> {
  let names: string[];
  try {
    names = departmentNamesOf(readFileSync(supergraphPath, 'utf8'));
  } catch {
    // Unreadable or not GraphQL: listen() below fails and says so with the path.
    return {};
  }
  try {
    const { urls, unknown } = departmentUrls(names, process.env);
    for (const variable of unknown) {
      logger.warn(
        { variable, departments: names },
        `${variable} is set but the supergraph has no such department; it is ignored (departments: ${names.join(', ')})`,
      );
    }
    if (Object.keys(urls).length > 0)
      logger.info({ departments: urls }, 'department URLs from the environment');
    return urls;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`gateway: ${error.message}`);
    process.exit(2);
  }
}
