import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/bench/heavy/canonicalJson.js';
import {
  askHeavy,
  checkIdenticalAnswers,
  type HeavyGateway,
  startHeavyGateways,
  stopHeavyGateways,
} from '../src/bench/heavy/heavyGateways.js';
import { type HeavyGovgraph, prepareHeavyGovgraph } from '../src/bench/heavy/heavyGovgraph.js';
import { type HeavySubgraphs, startHeavySubgraphs } from '../src/bench/heavy/heavySubgraphs.js';
import { HEAVY_VARIANT_NAMES, HEAVY_VARIANTS } from '../src/bench/heavy/heavyVariants.js';

// Correctness of `npm run bench:heavy`, not its speed: the subgraphs compose, the answer has
// the benchmark's size, and every gateway variant answers the same data. Each gateway is
// started once, in its own process, and asked without load.

const dir = mkdtempSync(join(tmpdir(), 'govgraph-heavy-'));
let subgraphs: HeavySubgraphs | undefined;
let govgraph: HeavyGovgraph | undefined;
let gateways: HeavyGateway[] = [];

beforeAll(async () => {
  subgraphs = await startHeavySubgraphs();
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, subgraphs.supergraphSdl);
  govgraph = await prepareHeavyGovgraph(subgraphs.supergraphSdl, dir);
  gateways = await startHeavyGateways(
    HEAVY_VARIANT_NAMES.map((name) => HEAVY_VARIANTS[name]),
    {
      supergraphPath,
      subgraphUrls: subgraphs.urls,
      subgraphHeaders: {},
      govgraph: govgraph.settings,
    },
    govgraph.callerHeaders,
  );
}, 120_000);

afterAll(async () => {
  await stopHeavyGateways(gateways);
  await govgraph?.close();
  await subgraphs?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the heavy query', () => {
  it('composes the four subgraphs into one supergraph', () => {
    for (const name of ['accounts', 'inventory', 'products', 'reviews']) {
      expect(subgraphs?.supergraphSdl).toContain(`@join__graph(name: "${name}"`);
    }
  });

  it('answers 85–90 KB of data without errors through the bare gateway', async () => {
    const bare = gateways.find((g) => g.variant.name === 'bare');
    if (!bare) throw new Error('the bare gateway did not start');
    const text = await askHeavy(bare);
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThanOrEqual(85_000);
    expect(bytes).toBeLessThanOrEqual(90_000);
    const answer = JSON.parse(text) as { data: { users: unknown[]; topProducts: unknown[] } };
    expect(answer.data.users.length).toBeGreaterThan(0);
    expect(answer.data.topProducts).toHaveLength(5);
  });

  it('gets the same answer from every gateway variant', async () => {
    expect(gateways.map((g) => g.variant.name)).toEqual([...HEAVY_VARIANT_NAMES]);
    const bytes = await checkIdenticalAnswers(gateways);
    expect(bytes).toBeGreaterThanOrEqual(85_000);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 1] })).toBe('{"a":[{"c":3,"d":2},1],"b":1}');
  });
});
