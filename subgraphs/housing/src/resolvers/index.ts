import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Building } from './building.js';
import { LegalEntity, Owner, Person } from './owners.js';
import { Query } from './query.js';
import { Ownership, RealEstateTitle } from './realEstateTitle.js';

export const resolvers: Resolvers = {
  Query,
  Building,
  RealEstateTitle,
  Ownership,
  Owner,
  Person,
  LegalEntity,
};
