export type { TaxContext } from './context.js';
export { openTaxDatabase } from './db/openTaxDatabase.js';
export type { TaxDB } from './db/schema.js';
export { department } from './department.js';
export { createTaxServer } from './server.js';
export { typeDefs } from './typeDefs.js';
