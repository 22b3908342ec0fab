import type { Resolvers } from '../__generated__/resolvers-types.js';
import { LegalEntity, Person } from './applicants.js';
import { Applicant, Application } from './application.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { Review } from './review.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Application,
  Applicant,
  Review,
  Person,
  LegalEntity,
};
