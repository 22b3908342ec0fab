import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Employment } from './employment.js';
import { LegalEntity } from './legalEntity.js';
import { Person } from './person.js';
import { Contribution, SocialInsurance } from './socialInsurance.js';

export const resolvers: Resolvers = {
  Person,
  LegalEntity,
  SocialInsurance,
  Contribution,
  Employment,
};
