import { department as population } from '@govgraph/population';

/**
 * Every department of the hub, the one list compose, seed and start read. A new department
 * is added here and nowhere else in the tools.
 */
export const departments = [population];
