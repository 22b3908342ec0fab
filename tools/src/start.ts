import { createWorld } from '@govgraph/datagen';
import { ensureError } from '@govgraph/schema';
import { ConfigError, startTracing } from '@govgraph/server';
import {
  DEMO_AGENCY,
  DEMO_OPERATOR,
  type DemoCredentials,
  endDemoOperator,
  issueDemoCredentials,
  issueDemoOperator,
  revokeDemoCredentials,
} from './demoCredentials.js';
import { departments } from './departments.js';
import { exampleQuery, findExampleNationalId } from './exampleQuery.js';
import { type HubConfig, hubConfig } from './hubConfig.js';
import { createSeedProgress } from './seedProgress.js';
import { type Hub, startHub } from './startHub.js';

// `npm start`: the CLI edge of startHub. Config is read and checked here, once.
let config: HubConfig;
try {
  config = hubConfig(departments, process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

// OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set (README: See a request end to end).
const tracing = startTracing({ serviceName: 'govgraph' });
const started = performance.now();
const display = createSeedProgress();
let hub: Hub | undefined;
let demo: DemoCredentials | undefined;
let demoOperator: { password: string } | undefined;
let stopping = false;
const stop = async () => {
  if (!hub || stopping) {
    console.log(hub ? 'Stopping at once.' : '\nInterrupted while starting.');
    process.exit(130);
  }
  stopping = true;
  console.log('\nStopping govgraph... (press Ctrl-C again to force)');
  setTimeout(() => {
    console.error('govgraph did not stop within 10 s; exiting anyway.');
    process.exit(1);
  }, 10_000).unref();
  if (demo) await revokeDemoCredentials(hub.services.store, demo).catch(() => undefined);
  if (demoOperator) await endDemoOperator(hub.services.store).catch(() => undefined);
  await hub.stop();
  await tracing.shutdown().catch(() => undefined);
  console.log('Stopped.');
  process.exit(0);
};
const signals = ['SIGINT', 'SIGTERM'] as const;
for (const signal of signals) process.on(signal, stop);

try {
  hub = await startHub({
    departments,
    config,
    createWorld,
    rateLimit: config.gateway.rateLimit,
    progress: (department) => display.forDepartment(department),
  });
  demo = await issueDemoCredentials(hub.services.store);
  demoOperator = await issueDemoOperator(hub.services.store);
} catch (error) {
  display.stop();
  console.error(`govgraph could not start: ${ensureError(error).message}`);
  process.exit(1);
}
display.stop();

const example = await findExampleNationalId(
  hub.graphqlUrl,
  createWorld(config.world),
  demo.headers,
);
const nationalId = 'nationalId' in example ? example.nationalId : undefined;

const lines = [
  '',
  `govgraph is running (ready in ${((performance.now() - started) / 1000).toFixed(1)} s${hub.seedMs > 0 ? `, of which seeding ${(hub.seedMs / 1000).toFixed(1)} s` : ''}).`,
  ...hub.departments.map((d) => `  ${d.name.padEnd(12)} ${d.url}  (${d.engine})`),
  `  ${'gateway'.padEnd(12)} ${hub.graphqlUrl}`,
  '',
  `GraphiQL:  ${hub.graphiqlUrl}`,
  '',
  'Personal data needs an agency and a purpose. For this run, the service-desk app (governance/registry.json)',
  "has a fresh API key, revoked when you stop; enter them in GraphiQL's connection bar:",
  '',
  `  ${JSON.stringify(demo.headers)}`,
  '',
  `Service desk: ${hub.gatewayUrl}/desk  (agency ${DEMO_AGENCY}, operator ${DEMO_OPERATOR}, password ${demoOperator.password};`,
  '  a one-time password for this run: the operator is disabled again when you stop)',
  '',
  'nationalId' in example
    ? 'Try this query, which crosses the population and business registries:'
    : `Try this query, replacing the national ID with one from your data: looking for an example, ${example.problem}, so this is the standard's sample ID, which returns null.`,
  '',
  `  ${exampleQuery(nationalId ?? '11010519491231002X')}`,
  '',
  'Stop with Ctrl-C.',
];
console.log(lines.join('\n'));
