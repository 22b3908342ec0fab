import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Caller } from '@govgraph/governance';

/** Whose budget a request is charged to: the key in the limiter, and the caller's kind (a metric label). */
export interface RateKey {
  key: string;
  kind: Caller['kind'];
}

/**
 * Agencies are limited per agency (every key and token of one agency shares its budget),
 * citizens per person (by a sha256 of the national ID, so the ID itself never reaches Redis),
 * anonymous callers per client address.
 */
export function rateKeyOf(
  caller: Caller,
  req: IncomingMessage,
  trustedProxies: ReadonlySet<string>,
): RateKey {
  switch (caller.kind) {
    case 'agency':
      return { key: `agency:${caller.agencyId}`, kind: 'agency' };
    case 'citizen':
      return { key: `citizen:${sha256(caller.nationalId)}`, kind: 'citizen' };
    default:
      return { key: `address:${clientAddress(req, trustedProxies)}`, kind: 'anonymous' };
  }
}

/**
 * The address the request came from: the socket's peer, unless that peer is a trusted proxy,
 * in which case the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (the
 * address the outermost trusted proxy saw). With no trusted proxies `X-Forwarded-For` is
 * ignored, since every caller can write it, and a header of its choosing would be a fresh budget.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalize(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = forwardedFor(req);
  let client = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = normalize(forwarded[i] ?? '');
    // A proxy appends the address it saw; past a malformed entry the header is not usable,
    // and the last trusted hop is the best known.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trustedProxies.has(hop)) return hop;
  }
  // Every hop a trusted proxy: the request started at the left-most.
  return client;
}

/** Parses `RATE_LIMIT_TRUSTED_PROXIES`-style lists into normalized addresses. */
export function trustedProxySet(addresses: readonly string[] = []): ReadonlySet<string> {
  return new Set(addresses.map(normalize));
}

function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

// IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d; one client, one key.
function normalize(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}
