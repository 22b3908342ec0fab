import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A subgraph endpoint that is up but answers every request with HTTP 500 and a text body. */
export interface FailingSubgraph {
  url: string;
  close(): Promise<void>;
}

export async function startFailingSubgraph(): Promise<FailingSubgraph> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('upstream pricing engine crashed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The address of a subgraph that is down: a port that was free a moment ago, now closed. */
export async function downSubgraphUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}
