import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_TOKEN_HEADER, type CallerTokenSigner } from '@govgraph/server';
import { createApolloGateway } from '../../src/index.js';

// The reference every differential test compares govgraph's gateway with: @apollo/gateway's
// planner and executor behind @apollo/server and nothing else, as tools/src/bench/bareGateway.ts
// starts it. It signs the caller token the fixture subgraphs require, and nothing more.

type SendOptions = Parameters<RemoteGraphQLDataSource['process']>[0];

class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(
    url: string,
    readonly signer: CallerTokenSigner,
  ) {
    super({ url });
  }

  override willSendRequest(options: SendOptions) {
    const token = this.signer.tokenFor({ caller: 'anonymous', requestId: 'bare' });
    options.request.http?.headers.set(CALLER_TOKEN_HEADER, token);
  }
}

export interface BareGateway {
  graphqlUrl: string;
  close(): Promise<void>;
}

/** Serves bare @apollo/gateway over the supergraph on a free loopback port. */
export async function startBareGateway(
  supergraphSdl: string,
  signer: CallerTokenSigner,
): Promise<BareGateway> {
  const gateway = createApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new SignedDataSource(url ?? '', signer),
  });
  // No stack traces (vitest runs with NODE_ENV=test, where Apollo would add them).
  const server = new ApolloServer({
    gateway,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { graphqlUrl: url, close: () => server.stop() };
}
