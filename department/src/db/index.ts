export { hasRows } from './hasRows.js';
export { insertInBatches } from './insertInBatches.js';
export { migrateToLatest } from './migrate.js';
export { type Database, type DatabaseOptions, type Engine, openDatabase } from './openDatabase.js';
export {
  type ChildListSpec,
  createListLoader,
  createPageLoader,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  type PageArgs,
  type PageKey,
  type PageWindow,
  pageWindow,
  toPage,
} from './pagination.js';
export { createRowLoader, type RowSpec } from './rowLoader.js';
export { StatementCounter } from './StatementCounter.js';
