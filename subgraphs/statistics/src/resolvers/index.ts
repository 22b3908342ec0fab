import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Indicator, Observation } from './indicator.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Query, Indicator, Observation };
