// What gateway tests share. Fixture departments live in `departments/`, imported by module
// (`import * as people from './support/departments/people.js'`), so their names never collide.
export { composeSupergraph } from './composeSupergraph.js';
export { type Fixture, type RunningFixture, startFixture } from './fixtureDepartment.js';
export { type FixtureGateways, useFixtureGateways } from './fixtureGateways.js';
export { freePort } from './freePort.js';
export { createHubTester, type HubTester, type HubTesterOptions } from './hubTester.js';
export {
  CITY_TAX,
  citizen,
  LANTERN,
  LI,
  POLICE,
  TAX_ASSESSMENT,
  TEA,
  type TestAgency,
  WANG,
  ZHANG,
} from './identities.js';
export { memoryLogger, silentLogger } from './loggers.js';
export { MemoryAuditLog } from './memoryAuditLog.js';
export { MemoryRegistry } from './memoryRegistry.js';
export {
  type Asker,
  callerHeaders,
  errorCodes,
  firstError,
  firstErrorCode,
  type GraphQLRequest,
  type GraphQLResponse,
  type GraphQLResponseError,
  type GraphQLResult,
  type PostOptions,
  postGraphQL,
} from './postGraphQL.js';
export { readyStore, type StoreUnderTest, storeUnderTest } from './storeUnderTest.js';
export { type TempFile, tempSupergraph } from './tempSupergraph.js';
export { testCallerToken } from './testCallerToken.js';
