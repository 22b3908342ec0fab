export type { MarketContext } from './context.js';
export { openMarketDatabase } from './db/openMarketDatabase.js';
export type { LegalEntityRow, MarketDB } from './db/schema.js';
export { department } from './department.js';
export { createMarketServer } from './server.js';
export { typeDefs } from './typeDefs.js';
