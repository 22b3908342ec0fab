import { createTestCallerToken } from '@govgraph/testing';

/**
 * One caller-token key pair for a gateway test file: fixture departments verify with it
 * (`startFixture`), gateways sign with it (`access: { unchecked: true, signer: testCallerToken.signer }`).
 */
export const testCallerToken = await createTestCallerToken('gateway-tests');
