export {
  CHROMIUM_ARGS,
  chromiumPath,
  type EnsureChromiumOptions,
  ensureChromium,
  requireChromium,
} from './chromium.js';
export {
  type ErrorLike,
  errorCodes,
  firstError,
  firstErrorCode,
  type GraphQLResponseError,
  type WithErrors,
} from './graphqlErrors.js';
export { metricSum } from './metricSum.js';
export { createTestCallerToken, type TestCallerToken } from './testCallerToken.js';
export {
  createTestDatabase,
  ENGINES,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './testDatabase.js';
export { connectTestRedis, type PrivateRedis, privateRedis, TEST_REDIS_URL } from './testRedis.js';
export { type DepartmentHarness, type GraphQLResponse, useDepartment } from './useDepartment.js';
