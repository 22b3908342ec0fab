import { createTestHubContext } from '@govgraph/schema/testing';

/**
 * One hub-context key pair for a gateway test file: fixture departments verify with it
 * (`startFixture`), gateways sign with it (`access: { unchecked: true, signer: testHubContext.signer }`).
 */
export const testHubContext = await createTestHubContext('gateway-tests');
