import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, HeaderMap } from '@apollo/server';

// Like @apollo/server's standalone server, but with a keep-alive window longer than a whole run:
// with Node's 5 s default a gateway left idle while another variant is measured reuses a socket
// the subgraph has just closed, and answers its next request with a "socket hang up" error.
const KEEP_ALIVE_MS = 10 * 60 * 1000;

/** Serves a started `server` over node:http on a free loopback port; resolves with its URL. */
export async function listenSubgraph(server: ApolloServer): Promise<{ url: string; http: Server }> {
  const http = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => {
    answer(server, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`, http };
}

async function answer(server: ApolloServer, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'POST',
      headers,
      search: new URL(req.url ?? '/', 'http://localhost').search,
      body: text.length > 0 ? JSON.parse(text) : undefined,
    },
    context: async () => ({}),
  });
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const part of result.body.asyncIterator) res.write(part);
  res.end();
}
