export { checkCertificateNumber } from './certificateNumber.js';
export type { HousingContext } from './context.js';
export { openHousingDatabase } from './db/openHousingDatabase.js';
export type { BuildingRow, HousingDB, TitleRow } from './db/schema.js';
export { department } from './department.js';
export { createHousingServer } from './server.js';
export { typeDefs } from './typeDefs.js';
