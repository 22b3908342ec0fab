import type { Resolvers } from '../__generated__/resolvers-types.js';
import { LegalEntity } from './legalEntity.js';
import { Person } from './person.js';
import { Query } from './query.js';
import {
  AbnormalOperationListing,
  AdministrativePenalty,
  Inspection,
  SeriousDishonestyListing,
} from './records.js';

export const resolvers: Resolvers = {
  Query,
  LegalEntity,
  Person,
  Inspection,
  AdministrativePenalty,
  AbnormalOperationListing,
  SeriousDishonestyListing,
};
