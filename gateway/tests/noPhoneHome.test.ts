import diagnostics from 'node:diagnostics_channel';
import { setTimeout as delay } from 'node:timers/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createHubTester } from './support/index.js';

// Every outgoing HTTP request the process starts, by host: node:http(s) and fetch (undici).
function recordOutgoingHosts(): { hosts: string[]; stop: () => void } {
  const hosts: string[] = [];
  const onHttp = (message: unknown) => {
    const { request } = message as { request: { host?: string; getHeader(n: string): unknown } };
    hosts.push(String(request.host ?? request.getHeader('host')));
  };
  const onFetch = (message: unknown) => {
    const { request } = message as { request: { origin: string } };
    hosts.push(new URL(request.origin).hostname);
  };
  diagnostics.subscribe('http.client.request.start', onHttp);
  diagnostics.subscribe('undici:request:create', onFetch);
  return {
    hosts,
    stop: () => {
      diagnostics.unsubscribe('http.client.request.start', onHttp);
      diagnostics.unsubscribe('undici:request:create', onFetch);
    },
  };
}

describe('the gateway keeps callers’ traffic at home', () => {
  // @apollo/gateway, by default, probes cloud metadata endpoints (GCP, AWS, Azure, Alibaba) and
  // exports usage metrics to apollographql.com; a government hub must never do either.
  it('starts and answers without one request to a host other than loopback', async () => {
    const outgoing = recordOutgoingHosts();
    const result = composeServices([
      {
        name: 'elsewhere',
        url: 'http://127.0.0.1:9/graphql',
        typeDefs: parse(`
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Query { hello: String }
        `),
      },
    ]);
    if (result.errors) throw result.errors[0];
    await using hub = await createHubTester({ supergraph: result.supergraphSdl });
    const { body } = await hub.post('{ __typename }');
    expect(body).toEqual({ data: { __typename: 'Query' } });
    // The metadata probes start on the next turns of the event loop; give them time to show.
    await delay(1500);
    outgoing.stop();

    const elsewhere = outgoing.hosts.filter(
      (host) => !/^(127\.0\.0\.1|localhost|::1|\[::1\])(:|$)/.test(host),
    );
    expect(elsewhere).toEqual([]);
    expect(outgoing.hosts.length).toBeGreaterThan(0);
  });
});
