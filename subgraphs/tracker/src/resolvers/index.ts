import type { Resolvers } from '../__generated__/resolvers-types.js';
import { AccessRecord } from './accessRecord.js';
import { AccessRecordConnection } from './accessRecordConnection.js';
import { LegalEntity } from './legalEntity.js';
import { Person } from './person.js';

export const resolvers: Resolvers = { AccessRecord, AccessRecordConnection, Person, LegalEntity };
