import type {
  AccessOutcome,
  AccessRecordResolvers,
  ReaderKind,
  WritePhase,
} from '../__generated__/resolvers-types.js';

// The audit store's lower-case vocabulary, as the schema's enums spell it.
const READER_KIND = { agency: 'AGENCY', citizen: 'CITIZEN', anonymous: 'ANONYMOUS' } as const;
const OUTCOME = { ok: 'OK', partial: 'PARTIAL', denied: 'DENIED', error: 'ERROR' } as const;
const WRITE_PHASE = { intent: 'INTENT', outcome: 'OUTCOME' } as const;

export const AccessRecord: AccessRecordResolvers = {
  sequence: (record) => record.seq,
  at: (record) => record.at.toISOString(),
  readerKind: (record): ReaderKind => READER_KIND[record.callerKind],
  agencyId: (record) => record.agencyId,
  agencyName: (record, _args, { loaders }) =>
    record.agencyId ? loaders.agencyName.load(record.agencyId) : null,
  operatorId: (record) => record.operatorId,
  purpose: (record) => record.purpose,
  caseId: (record) => record.caseId,
  fields: (record) => [...record.coordinates],
  outcome: (record): AccessOutcome => OUTCOME[record.outcome],
  fromCache: (record) => record.cached,
  requestId: (record) => record.requestId,
  writePhase: (record): WritePhase | null => (record.phase ? WRITE_PHASE[record.phase] : null),
};
