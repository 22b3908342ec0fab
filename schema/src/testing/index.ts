export {
  createTestDatabase,
  ENGINES,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './testDatabase.js';
