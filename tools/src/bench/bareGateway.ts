import { readFileSync } from 'node:fs';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createApolloGateway } from '@govgraph/gateway';
import type { GatewayJob } from './gatewayJob.js';

// The floor every Node federation gateway starts from: @apollo/gateway's planner and executor
// behind @apollo/server's standalone HTTP server, with Apollo's default fetcher (a keep-alive
// agent) and no govgraph feature at all. (@apollo/gateway and @apollo/server are the gateway
// package's dependencies, hoisted to the workspace root.)

type SendOptions = Parameters<RemoteGraphQLDataSource['process']>[0];

/** Adds the fixed headers the departments require (the caller token) to every fetch. */
export class FixedHeadersDataSource extends RemoteGraphQLDataSource {
  readonly #headers: [string, string][];

  constructor(url: string, headers: Record<string, string>) {
    super({ url });
    this.#headers = Object.entries(headers);
  }

  override willSendRequest(options: SendOptions) {
    for (const [name, value] of this.#headers) options.request.http?.headers.set(name, value);
  }
}

/** Starts the bare gateway on a free loopback port; resolves with the port. */
export async function startBareGateway(job: GatewayJob): Promise<number> {
  // The baseline does no more than govgraph's gateway: no usage export, no metadata probes.
  const gateway = createApolloGateway({
    supergraphSdl: readFileSync(job.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new FixedHeadersDataSource(job.subgraphUrls[name] ?? url ?? '', job.subgraphHeaders),
  });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return Number(new URL(url).port);
}
