import type { Page } from '@govgraph/department/db';
import type { ComplaintCategory } from '@govgraph/rules';
import type { Selectable } from 'kysely';

/** Tables of the citizen hotline's own database. */
export interface ComplaintsDB {
  complaint: ComplaintTable;
  ticket_counter: TicketCounterTable;
}

// Categories are the hotline's dispatch rule, owned by @govgraph/rules.
export type { ComplaintCategory } from '@govgraph/rules';
export type ComplaintStatus = 'RECEIVED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED';

export interface ComplaintTable {
  /** Ticket number `12345-YYYY-NNNNNN`. */
  id: string;
  /** RFC 3339 in +08:00 on every row, so the text orders as the instants do. */
  filed_at: string;
  /** National ID of the complainant (a person of the population registry). */
  complainant_id: string;
  /** Credit code of the entity complained about (an entity of the business registry). */
  against_code: string;
  category: ComplaintCategory;
  description: string;
  status: ComplaintStatus;
  handling_department: string;
  resolution: string | null;
  resolved_at: string | null;
  /** The official who closed the complaint; null while open and for complaints closed before this was kept. */
  resolved_by_operator: string | null;
  /** The agency of the handling department that official acted under. */
  resolved_by_agency: string | null;
}

/** The last ticket serial issued in each year: a filing takes the next one. */
export interface TicketCounterTable {
  year: number;
  last_serial: number;
}

/** A complaint row as resolvers receive it. */
export type ComplaintRow = Selectable<ComplaintTable>;
export type ComplaintPage = Page<ComplaintRow>;

/** A person seen from the hotline: only the key; the population registry owns the rest. */
export interface PersonRef {
  nationalId: string;
}

/** A market entity seen from the hotline: only the key; the business registry owns the rest. */
export interface LegalEntityRef {
  creditCode: string;
}
