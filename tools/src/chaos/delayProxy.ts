import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of one department; `delayMs` holds every request that long first. */
export interface DelayProxy {
  readonly port: number;
  delayMs: number;
  close(): Promise<void>;
}

/**
 * Forwards every request to `127.0.0.1:targetPort` unchanged, after `delayMs` (0: at once).
 * The gateway is pointed at it instead of the department, so slowing the proxy slows the
 * department as the gateway sees it. A department that is down answers 502 here, as a
 * load balancer in front of a dead backend would.
 */
export async function startDelayProxy(targetPort: number): Promise<DelayProxy> {
  const state = { delayMs: 0 };
  const server = createServer((req, res) => {
    const forward = () => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: targetPort,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('department unreachable');
      });
      req.pipe(upstream);
    };
    if (state.delayMs > 0) setTimeout(forward, state.delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
