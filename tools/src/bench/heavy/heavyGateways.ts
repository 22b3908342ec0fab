import type { GatewayJob } from '../gatewayJob.js';
import { pinToCore } from '../pinToCore.js';
import { type GatewayProcess, startGatewayProcess } from '../startGatewayProcess.js';
import { canonicalJson } from './canonicalJson.js';
import { HEAVY_BODY } from './heavyQuery.js';
import type { HeavyVariant } from './heavyVariants.js';

/** One variant's gateway process and the headers its requests carry. */
export interface HeavyGateway {
  variant: HeavyVariant;
  process: GatewayProcess;
  headers: Record<string, string>;
}

/**
 * Starts one gateway process per variant, one after the other (so that none starts on a core
 * another is warming up on), each pinned to `core` when given. govgraph's requests carry
 * `govgraphHeaders` (the agency's key and purpose); the others', none.
 */
export async function startHeavyGateways(
  variants: readonly HeavyVariant[],
  job: Omit<GatewayJob, 'kind' | 'caches'>,
  govgraphHeaders: Record<string, string>,
  core?: number,
): Promise<HeavyGateway[]> {
  const started: HeavyGateway[] = [];
  try {
    for (const variant of variants) {
      const running = await startGatewayProcess({
        ...job,
        kind: variant.kind,
        caches: 'off',
        ...(variant.executor ? { executor: variant.executor } : {}),
      });
      started.push({
        variant,
        process: running,
        headers: variant.kind === 'govgraph' ? govgraphHeaders : {},
      });
      if (core !== undefined) pinToCore(running.pid, core);
    }
  } catch (error) {
    await stopHeavyGateways(started);
    throw error;
  }
  return started;
}

export async function stopHeavyGateways(gateways: readonly HeavyGateway[]): Promise<void> {
  for (const gateway of gateways) await gateway.process.stop();
}

/** Sends the heavy query once; resolves with the answer's text, or throws what went wrong. */
export async function askHeavy(gateway: HeavyGateway): Promise<string> {
  const response = await fetch(gateway.process.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gateway.headers },
    body: HEAVY_BODY,
  });
  const text = await response.text();
  const failed = !response.ok || (JSON.parse(text) as { errors?: unknown }).errors !== undefined;
  if (failed) {
    throw new Error(
      `${gateway.variant.name} answered HTTP ${response.status}: ${text.slice(0, 500)}`,
    );
  }
  return text;
}

/**
 * Asks every gateway the heavy query once and throws unless every answer is the same data
 * (canonical JSON: keys sorted); resolves with the baseline's answer size in bytes.
 */
export async function checkIdenticalAnswers(gateways: readonly HeavyGateway[]): Promise<number> {
  const [first, ...others] = gateways;
  if (!first) throw new Error('no gateway to ask');
  const firstText = await askHeavy(first);
  const expected = canonicalJson(JSON.parse(firstText));
  for (const other of others) {
    const answer = canonicalJson(JSON.parse(await askHeavy(other)));
    if (answer !== expected) {
      const at = [...answer].findIndex((c, i) => c !== expected[i]);
      throw new Error(
        `${other.variant.name}'s answer differs from ${first.variant.name}'s at character ${at}: …${answer.slice(Math.max(0, at - 80), at + 80)}… against …${expected.slice(Math.max(0, at - 80), at + 80)}…`,
      );
    }
  }
  return Buffer.byteLength(firstText);
}
