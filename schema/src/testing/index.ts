export {
  CHROMIUM_ARGS,
  chromiumPath,
  type EnsureChromiumOptions,
  ensureChromium,
  requireChromium,
} from './chromium.js';
export {
  createTestDatabase,
  ENGINES,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './testDatabase.js';
export { createTestHubContext, type TestHubContext } from './testHubContext.js';
export { connectTestRedis, type PrivateRedis, privateRedis, TEST_REDIS_URL } from './testRedis.js';
export { type DepartmentHarness, type GraphQLResponse, useDepartment } from './useDepartment.js';
