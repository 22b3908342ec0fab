import { readFileSync } from 'node:fs';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createApolloGateway } from '@govgraph/gateway';
import { FixedHeadersDataSource } from './bareGateway.js';
import type { BenchRequest } from './scenarios.js';

/** A request a department receives from the gateway, replayed as it was sent. */
export interface DirectRequest {
  department: string;
  body: string;
}

type SendOptions = Parameters<RemoteGraphQLDataSource['process']>[0];

/**
 * The subgraph part of each request: the bare gateway plans and runs every request once, in
 * this process, and the first fetch it sends (the root field's department) is kept. Load
 * against those is the ceiling: one department answering with no gateway in front of it.
 */
export async function directRequests(options: {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  subgraphHeaders: Record<string, string>;
  requests: readonly BenchRequest[];
}): Promise<DirectRequest[]> {
  let sent: DirectRequest[] = [];
  class Recording extends FixedHeadersDataSource {
    constructor(
      readonly department: string,
      url: string,
    ) {
      super(url, options.subgraphHeaders);
    }
    override willSendRequest(send: SendOptions) {
      super.willSendRequest(send);
      const { request } = send;
      sent.push({
        department: this.department,
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
    }
  }
  // The baseline does no more than govgraph's gateway: no usage export, no metadata probes.
  const gateway = createApolloGateway({
    supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new Recording(name, options.subgraphUrls[name] ?? url ?? ''),
  });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  await server.start();
  const first: DirectRequest[] = [];
  try {
    for (const request of options.requests) {
      sent = [];
      const { query, variables } = JSON.parse(request.body) as {
        query: string;
        variables: Record<string, unknown>;
      };
      const response = await server.executeOperation({ query, variables });
      if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) {
        throw new Error(
          `capturing the subgraph requests failed: ${JSON.stringify(response.body).slice(0, 500)}`,
        );
      }
      if (sent[0]) first.push(sent[0]);
    }
  } finally {
    await server.stop();
  }
  return first;
}
