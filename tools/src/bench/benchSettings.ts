import { CALLER_TOKEN_HEADER, createCallerTokenSigner, type JWK } from '@govgraph/server';
import { agencyHeaders, BENCH_AGENCY, BENCH_PURPOSE } from './benchAgency.js';
import type { MeasureBenchOptions } from './measureBench.js';

// Long enough for any run (the 10-minute memory run included); departments remember a
// verified token until it expires, so a fixed header costs them one verification in all.
// Departments refuse tokens this long-lived unless started with it as their maximum.
export const FIXED_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/**
 * What the gateways and departments need from the benchmark to answer at all: each caller's
 * headers (the benchmark agency's API key, purpose, case and operator; nothing for anonymous),
 * and the fixed caller token the bare gateway and the direct variant send on every
 * subgraph request, signed once at start with the hub's key for the benchmark agency.
 */
export async function benchSettings(options: {
  apiKey: string;
  callerTokenPrivateKey: JWK;
}): Promise<Pick<MeasureBenchOptions, 'subgraphHeaders' | 'callerHeaders'>> {
  const signer = await createCallerTokenSigner({
    privateKey: options.callerTokenPrivateKey,
    ttlSeconds: FIXED_TOKEN_TTL_SECONDS,
  });
  const agency = agencyHeaders(options.apiKey);
  const token = await signer.sign({
    caller: 'agency',
    agency: BENCH_AGENCY,
    roles: [],
    purpose: BENCH_PURPOSE,
    caseId: agency['x-case-id'],
    operatorId: agency['x-operator-id'],
    requestId: 'benchmark',
  });
  return {
    subgraphHeaders: { [CALLER_TOKEN_HEADER]: token },
    callerHeaders: { agency, anonymous: {} },
  };
}
