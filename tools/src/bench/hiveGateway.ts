import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { GatewayJob } from './gatewayJob.js';

// A peer measured beside @apollo/gateway (issue #14): Hive Gateway as its documented
// programmatic runtime behind node:http, with its default JavaScript query planner (`hive`) or
// the Rust planner of @graphql-hive/router-runtime (`hive-router`). Nothing else is configured:
// no usage reporting (there is no token), no logging below warnings.

/** Starts Hive Gateway on a free loopback port for the supergraph of `job`; resolves with the port. */
export async function startHiveGateway(job: GatewayJob): Promise<number> {
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(job.supergraphPath, 'utf8'),
    logging: 'warn',
    landingPage: false,
    ...(job.kind === 'hive-router' ? { unifiedGraphHandler } : {}),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}
