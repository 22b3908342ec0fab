export type { PopulationContext } from './context.js';
export { openPopulationDatabase } from './db/openPopulationDatabase.js';
export type { PersonRow, PopulationDB } from './db/schema.js';
export { department } from './department.js';
export { createPopulationServer } from './server.js';
export { typeDefs } from './typeDefs.js';
