import { department as approvals } from '@govgraph/approvals';
import { department as complaints } from '@govgraph/complaints';
import type { World } from '@govgraph/datagen';
import { department as housing } from '@govgraph/housing';
import { department as market } from '@govgraph/market';
import { department as population } from '@govgraph/population';
import { department as social } from '@govgraph/social';
import { department as statistics } from '@govgraph/statistics';
import { department as tax } from '@govgraph/tax';
import { department as tracker } from '@govgraph/tracker';
import type { HubDepartment } from './HubDepartment.js';

/**
 * Every department of the hub, the one list compose, seed and start read. A new department
 * is added here and nowhere else in the tools.
 */
export const departments: readonly HubDepartment<World>[] = [
  population,
  market,
  housing,
  tax,
  social,
  complaints,
  approvals,
  statistics,
  tracker,
];
