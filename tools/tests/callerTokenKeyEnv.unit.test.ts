import {
  callerTokenPrivateKeyVar,
  callerTokenPublicKeysVar,
  createCallerTokenSigner,
  createCallerTokenVerifier,
} from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { callerTokenKeyEnv } from '../src/callerTokenKeyEnv.js';

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
    const env = envOf(await callerTokenKeyEnv('hub-test'));
    expect(Object.keys(env)).toEqual(['CALLER_TOKEN_PRIVATE_KEY', 'CALLER_TOKEN_PUBLIC_KEYS']);
    const privateKey = callerTokenPrivateKeyVar(env);
    if (!privateKey) throw new Error('the private key line did not parse');
    expect(privateKey.kid).toBe('hub-test');
    const publicKeys = callerTokenPublicKeysVar(env);
    expect(publicKeys.map((k) => [k.kid, k.d])).toEqual([['hub-test', undefined]]);

    const signer = await createCallerTokenSigner({ privateKey });
    const token = await signer.sign({ caller: 'agency', agency: 'tax-bureau', requestId: 'r-1' });
    const claims = await createCallerTokenVerifier({ publicKeys }).verify(token);
    expect(claims).toEqual({ caller: 'agency', agency: 'tax-bureau', requestId: 'r-1' });
  });

  it('makes a different pair each time', async () => {
    const [a, b] = await Promise.all([callerTokenKeyEnv('k'), callerTokenKeyEnv('k')]);
    expect(a[0]).not.toBe(b?.[0]);
  });
});
