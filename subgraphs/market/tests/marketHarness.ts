import type { World } from '@govgraph/datagen';
import type { Engine } from '@govgraph/department/db';
import { type DepartmentHarness, useDepartment } from '@govgraph/testing';
import type { MarketDB } from '../src/db/schema.js';
import { seedableDepartment as department } from '../src/seed.js';

export type { GraphQLResponse } from '@govgraph/testing';
export type MarketHarness = DepartmentHarness<MarketDB>;

/** The market department for one test file: see `useDepartment`. */
export const useMarket = (engine: Engine, world: World): MarketHarness =>
  useDepartment(department, engine, world);

/** Code-point order, as both engines sort the registry's text columns. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
