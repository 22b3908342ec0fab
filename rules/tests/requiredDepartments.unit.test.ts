import { describe, expect, it } from 'vitest';
import { type ApplicationKind, REQUIRED_DEPARTMENTS, SITE_REQUIRED } from '../src/index.js';

const kinds = Object.keys(REQUIRED_DEPARTMENTS) as ApplicationKind[];

describe('the departments an application needs', () => {
  it('names at least one reviewer for every kind, and no department twice', () => {
    for (const kind of kinds) {
      const departments = REQUIRED_DEPARTMENTS[kind];
      expect(departments.length, kind).toBeGreaterThan(0);
      expect(new Set(departments).size, kind).toBe(departments.length);
    }
  });

  it('has a food business reviewed by market regulation, health and the fire service', () => {
    expect(REQUIRED_DEPARTMENTS.FOOD_BUSINESS_LICENSE).toEqual([
      'MARKET_REGULATION',
      'HEALTH',
      'FIRE_SERVICE',
    ]);
  });

  it('asks a site only of kinds about a place', () => {
    expect([...SITE_REQUIRED].sort()).toEqual(['CONSTRUCTION_PERMIT', 'OUTDOOR_ADVERTISING']);
    for (const kind of SITE_REQUIRED) expect(kinds).toContain(kind);
  });
});
