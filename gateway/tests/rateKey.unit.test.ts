import type { IncomingMessage } from 'node:http';
import type { Caller } from '@govgraph/governance';
import { describe, expect, it } from 'vitest';
import { clientAddress, rateKeyOf, trustedProxySet } from '../src/rateLimit/rateKey.js';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

const NONE = trustedProxySet();
const PROXIES = trustedProxySet(['10.0.0.5', '10.0.0.6', '::ffff:10.0.0.7']);

describe('the client address of an anonymous caller', () => {
  it('is the socket peer, one key for an IPv4 peer however the socket spells it', () => {
    expect(clientAddress(request('::ffff:192.0.2.1'), NONE)).toBe('192.0.2.1');
    expect(clientAddress(request('192.0.2.1'), NONE)).toBe('192.0.2.1');
    expect(clientAddress(request('2001:DB8::1'), NONE)).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', () => {
    expect(clientAddress(request('192.0.2.1', '203.0.113.9'), NONE)).toBe('192.0.2.1');
    expect(clientAddress(request('192.0.2.1', '203.0.113.9'), PROXIES)).toBe('192.0.2.1');
  });

  it('takes the right-most untrusted hop behind trusted proxies: a forged left part changes nothing', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), PROXIES)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.5', '1.2.3.4, 203.0.113.9, 10.0.0.6'), PROXIES)).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(request('::ffff:10.0.0.5', '203.0.113.9, ::ffff:10.0.0.7'), PROXIES)).toBe(
      '203.0.113.9',
    );
  });

  it('falls back to the proxy itself when the header is missing, all trusted, or malformed', () => {
    expect(clientAddress(request('10.0.0.5'), PROXIES)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '10.0.0.6'), PROXIES)).toBe('10.0.0.6');
    expect(clientAddress(request('10.0.0.5', 'anything-i-like'), PROXIES)).toBe('10.0.0.5');
  });
});

describe('whose budget a request spends', () => {
  const req = request('192.0.2.1');
  it('is the agency for every key and token of an agency', () => {
    const agency: Caller = {
      kind: 'agency',
      agencyId: 'city-tax',
      name: 'City tax',
      roles: [],
      credential: 'jwt',
    };
    expect(rateKeyOf(agency, req, NONE)).toEqual({ key: 'agency:city-tax', kind: 'agency' });
  });

  it('is a hash of a citizen national ID, never the ID', () => {
    const { key, kind } = rateKeyOf(
      { kind: 'citizen', nationalId: '11010519491231002X' },
      req,
      NONE,
    );
    expect(kind).toBe('citizen');
    expect(key).toMatch(/^citizen:[0-9a-f]{64}$/);
    expect(key).not.toContain('11010519491231002X');
  });

  it('is the client address for anonymous callers', () => {
    expect(rateKeyOf({ kind: 'anonymous' }, req, NONE)).toEqual({
      key: 'address:192.0.2.1',
      kind: 'anonymous',
    });
  });
});
