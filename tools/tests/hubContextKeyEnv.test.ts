import {
  createHubContextSigner,
  createHubContextVerifier,
  hubContextPrivateKeyVar,
  hubContextPublicKeysVar,
} from '@govgraph/schema/runtime';
import { describe, expect, it } from 'vitest';
import { hubContextKeyEnv } from '../src/hubContextKeyEnv.js';

/** Reads `NAME='value'` lines as a shell would. */
function envOf(lines: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => {
      const match = /^([A-Z_]+)='(.*)'$/.exec(line);
      if (!match?.[1] || match[2] === undefined) throw new Error(`not an env line: ${line}`);
      return [match[1], match[2]];
    }),
  );
}

describe('npm run keys', () => {
  it('prints a key pair the gateway and the departments read and that sign and verify', async () => {
    const env = envOf(await hubContextKeyEnv('hub-test'));
    expect(Object.keys(env)).toEqual(['HUB_CONTEXT_PRIVATE_KEY', 'HUB_CONTEXT_PUBLIC_KEYS']);
    const privateKey = hubContextPrivateKeyVar(env);
    if (!privateKey) throw new Error('the private key line did not parse');
    expect(privateKey.kid).toBe('hub-test');
    const publicKeys = hubContextPublicKeysVar(env);
    expect(publicKeys.map((k) => [k.kid, k.d])).toEqual([['hub-test', undefined]]);

    const signer = await createHubContextSigner({ privateKey });
    const token = await signer.sign({ caller: 'agency', agency: 'tax-bureau', requestId: 'r-1' });
    const claims = await createHubContextVerifier({ publicKeys }).verify(token);
    expect(claims).toEqual({ caller: 'agency', agency: 'tax-bureau', requestId: 'r-1' });
  });

  it('makes a different pair each time', async () => {
    const [a, b] = await Promise.all([hubContextKeyEnv('k'), hubContextKeyEnv('k')]);
    expect(a[0]).not.toBe(b?.[0]);
  });
});
