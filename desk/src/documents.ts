// The desk's trusted documents: the record, composed of sections, and the two writes. The
// gateway registers every document here by its sha256 (docs/access.md "Service-desk
// sessions"); the desk page sends only the hash. Shared by the gateway and the page.

/** One part of the citizen record, asked for under `person(nationalId:)`. */
export interface RecordSection {
  /** The `Person` field the section starts at; its key in the answer and in error paths. */
  key: string;
  /** What the clerk reads as its heading. */
  title: string;
  /** The selection under `person`, as GraphQL text (one or more fields). */
  selection: string;
}

/** The record's sections, in the order the page shows them. */
export const RECORD_SECTIONS: readonly RecordSection[] = [
  {
    key: 'name',
    title: 'Identity',
    selection: 'nationalId name gender birthDate status maritalStatus',
  },
  {
    key: 'householdRegistration',
    title: 'Household registration',
    selection:
      'householdRegistration { householdNumber divisionCode address relationToHead registeredOn }',
  },
  {
    key: 'spouse',
    title: 'Family',
    selection:
      'spouse { nationalId name } parents { nationalId name } children { nationalId name birthDate }',
  },
  {
    key: 'representedEntities',
    title: 'Companies represented',
    selection:
      'representedEntities(first: 10) { totalCount nodes { creditCode name kind status established } }',
  },
  {
    key: 'realEstate',
    title: 'Real estate',
    selection:
      'realEstate(first: 10) { totalCount nodes { certificateNumber unit areaSquareMeters mortgaged } }',
  },
  {
    key: 'taxProfile',
    title: 'Tax',
    selection: 'taxProfile { hasArrears arrears years(last: 3) { year declaredIncome taxPaid } }',
  },
  {
    key: 'socialInsurance',
    title: 'Social insurance',
    selection:
      'socialInsurance { pensionStatus insuredSince monthlyPension contributions(first: 3) { totalCount nodes { period amount employer { creditCode name } } } }',
  },
  {
    key: 'employment',
    title: 'Employment',
    selection: 'employment { since position employer { creditCode name } }',
  },
  {
    key: 'complaintsFiled',
    title: 'Complaints filed',
    selection:
      'complaintsFiled(first: 10) { totalCount nodes { id filedAt category status handlingDepartment resolution against { creditCode name } } }',
  },
  {
    key: 'applications',
    title: 'Applications',
    selection: 'applications(first: 10) { totalCount nodes { id kind status submittedAt } }',
  },
  {
    key: 'accessLog',
    title: 'Access trail',
    selection:
      'accessLog(first: 10) { totalCount nodes { at agencyName operatorId purpose caseId outcome } }',
  },
];

/**
 * The record document for a set of sections (by key, in `RECORD_SECTIONS` order whatever
 * order they are given in): the one request the desk sends for a person.
 */
export function recordDocument(keys: readonly string[]): string {
  const wanted = new Set(keys);
  const selections = RECORD_SECTIONS.filter((s) => wanted.has(s.key)).map(
    (s) => `    ${s.selection}`,
  );
  return [
    'query DeskRecord($nationalId: NationalId!) {',
    '  person(nationalId: $nationalId) {',
    '    __typename',
    ...selections,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Files a complaint for the person at the desk. */
export const FILE_COMPLAINT = `mutation DeskFileComplaint($input: FileComplaintInput!) {
  fileComplaint(input: $input) { id filedAt category status handlingDepartment }
}
`;

/** Starts an application for the person at the desk (with the desk's idempotency key). */
export const SUBMIT_APPLICATION = `mutation DeskSubmitApplication($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { id kind status submittedAt }
}
`;
