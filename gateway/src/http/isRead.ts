import type { ServerResponse } from 'node:http';

/**
 * True for GET and HEAD, the only methods the gateway's pages and their assets answer; anything
 * else is answered here with 405 and `Allow`, and the route stops.
 */
export function isRead(method: string | undefined, res: ServerResponse): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  res.statusCode = 405;
  res.setHeader('allow', 'GET, HEAD');
  res.end();
  return false;
}
