import type { AuditEntry } from '../src/index.js';

export const PEOPLE = ['11010519491231002X', '110101198001010010', '310104199203040024'];
/** A valid national ID that no record names. */
export const STRANGER = '440305197506150033';
export const COMPANY = '91350100M000100Y43';

/** A realistic audit entry, number `i`, with a fixed time (one minute apart). */
export function auditEntry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2026, 2, 14, 9, 0, 0, 0) + i * 60_000 + (i % 1000)),
    requestId: `req-${i}`,
    callerKind: 'agency',
    agencyId: 'tax-bureau',
    operatorId: `officer-${i % 3}`,
    purpose: 'TAX_AUDIT',
    caseId: `TA-2026-${String(i).padStart(4, '0')}`,
    operationHash: i.toString(16).padStart(64, 'a'),
    operationName: 'TaxProfile',
    coordinates: [
      'Query.person',
      'Person.name',
      'Person.taxProfile',
      'PersonTaxYear.declaredIncome',
    ],
    denied: [],
    subjects: [PEOPLE[i % PEOPLE.length] as string, ...(i % 4 === 0 ? [COMPANY] : [])].sort(),
    outcome: 'ok',
    cached: i % 5 === 0,
    ...overrides,
  };
}
