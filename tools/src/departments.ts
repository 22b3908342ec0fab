import { seedableDepartment as approvals } from '@govgraph/approvals/seed';
import { seedableDepartment as complaints } from '@govgraph/complaints/seed';
import type { World } from '@govgraph/datagen';
import { seedableDepartment as housing } from '@govgraph/housing/seed';
import { seedableDepartment as market } from '@govgraph/market/seed';
import { seedableDepartment as population } from '@govgraph/population/seed';
import { seedableDepartment as social } from '@govgraph/social/seed';
import { seedableDepartment as statistics } from '@govgraph/statistics/seed';
import { seedableDepartment as tax } from '@govgraph/tax/seed';
import { seedableDepartment as tracker } from '@govgraph/tracker/seed';
import type { HubDepartment } from './HubDepartment.js';

/**
 * Every department of the hub, the one list compose, seed and start read. A new department
 * is added here and nowhere else in the tools. Each comes from its package's `./seed` entry:
 * the tools seed, while the package's production entry (`.`, `main.ts`) knows no synthetic data.
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
