import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** `GATEWAY_WORKERS`: gateway processes sharing the port. @default one per core */
export const workersVar = z.coerce
  .number({ error: 'must be a number of worker processes' })
  .int('must be a whole number of worker processes')
  .min(1, 'must be at least 1 (1 serves from the main process, without workers)')
  .max(256, 'must be at most 256')
  .default(() => availableParallelism());
