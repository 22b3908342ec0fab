import type { ApplicationRow, LegalEntityRef, PersonRef } from './db/schema.js';

/** The applicant's key: a national ID or a credit code (a check constraint keeps exactly one). */
export function applicantOf(row: ApplicationRow): PersonRef | LegalEntityRef {
  if (row.applicant_national_id !== null) return { nationalId: row.applicant_national_id };
  if (row.applicant_credit_code !== null) return { creditCode: row.applicant_credit_code };
  throw new Error(`application ${row.id} has no applicant`);
}
