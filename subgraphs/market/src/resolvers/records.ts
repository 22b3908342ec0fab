import type {
  AbnormalOperationListingResolvers,
  AdministrativePenaltyResolvers,
  InspectionResolvers,
  SeriousDishonestyListingResolvers,
} from '../__generated__/resolvers-types.js';

// The supervision records of a company: plain column-to-field maps, loaded by LegalEntity.

export const Inspection: InspectionResolvers = {
  inspectedOn: (row) => row.inspected_on,
  authority: (row) => row.authority,
  result: (row) => row.result,
  findings: (row) => row.findings,
};

export const AdministrativePenalty: AdministrativePenaltyResolvers = {
  decisionNumber: (row) => row.decision_number,
  decidedOn: (row) => row.decided_on,
  authority: (row) => row.authority,
  violation: (row) => row.violation,
  kind: (row) => row.kind,
  amount: (row) => row.amount,
};

export const AbnormalOperationListing: AbnormalOperationListingResolvers = {
  listedOn: (row) => row.listed_on,
  reason: (row) => row.reason,
  authority: (row) => row.authority,
  removedOn: (row) => row.removed_on,
  removalReason: (row) => row.removal_reason,
};

export const SeriousDishonestyListing: SeriousDishonestyListingResolvers = {
  listedOn: (row) => row.listed_on,
  reason: (row) => row.reason,
  authority: (row) => row.authority,
};
