import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Complaint } from './complaint.js';
import { LegalEntity } from './legalEntity.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Query, Mutation, Complaint, Person, LegalEntity };
