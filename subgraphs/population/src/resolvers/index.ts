import type { Resolvers } from '../__generated__/resolvers-types.js';
import { HouseholdRegistration, Person } from './person.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Query, Person, HouseholdRegistration };
