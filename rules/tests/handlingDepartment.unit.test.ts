import { describe, expect, it } from 'vitest';
import {
  HANDLING_DEPARTMENT_CODES,
  HANDLING_DEPARTMENT_NAMES,
  HANDLING_DEPARTMENTS,
  handlingDepartmentCode,
} from '../src/index.js';

describe('the department that handles a complaint', () => {
  it('passes every category to a department that has a name', () => {
    for (const [category, code] of Object.entries(HANDLING_DEPARTMENT_CODES)) {
      expect(HANDLING_DEPARTMENTS[category as keyof typeof HANDLING_DEPARTMENTS]).toBe(
        HANDLING_DEPARTMENT_NAMES[code],
      );
    }
  });

  it('passes product, food, pricing and contract complaints to market regulation', () => {
    expect(HANDLING_DEPARTMENTS.FOOD_SAFETY).toBe('市场监督管理局');
    expect(HANDLING_DEPARTMENT_CODES.CONTRACT).toBe('MARKET_REGULATION');
    expect(HANDLING_DEPARTMENT_CODES.LABOUR).toBe('HUMAN_RESOURCES_SOCIAL_SECURITY');
  });

  it('reads the department code back from the name a complaint records', () => {
    for (const [code, name] of Object.entries(HANDLING_DEPARTMENT_NAMES)) {
      expect(handlingDepartmentCode(name)).toBe(code);
    }
  });

  it('gives back a name no department has, so no agency matches it', () => {
    expect(handlingDepartmentCode('交通运输局')).toBe('交通运输局');
  });

  it('names every department differently, so a name reads back to one code', () => {
    const names = Object.values(HANDLING_DEPARTMENT_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
});
