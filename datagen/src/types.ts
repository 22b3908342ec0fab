export type Gender = 'MALE' | 'FEMALE';
export type PersonStatus = 'ALIVE' | 'DECEASED' | 'EMIGRATED';
export type MaritalStatus = 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';
export type RelationToHead = 'HEAD' | 'SPOUSE' | 'CHILD';

export interface Household {
  /** 9-digit household booklet number, unique per household. */
  number: string;
  divisionCode: string;
  address: string;
  buildingId: string;
  relationToHead: RelationToHead;
  registeredOn: string;
}

export interface Person {
  index: number;
  nationalId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  status: PersonStatus;
  maritalStatus: MaritalStatus;
  household: Household;
  spouseIndex: number | null;
  fatherIndex: number | null;
  motherIndex: number | null;
  childIndexes: number[];
}

export type BuildingUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL' | 'MIXED' | 'PUBLIC';

export interface Building {
  index: number;
  buildingId: string;
  divisionCode: string;
  address: string;
  use: BuildingUse;
  floors: number;
  builtYear: number;
}

export type CompanyKind =
  | 'LIMITED_LIABILITY'
  | 'JOINT_STOCK'
  | 'SOLE_PROPRIETORSHIP'
  | 'PARTNERSHIP'
  | 'INDIVIDUAL_BUSINESS'
  | 'FARMERS_COOPERATIVE';
export type CompanyStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'CANCELLED';

export interface Company {
  index: number;
  creditCode: string;
  name: string;
  kind: CompanyKind;
  status: CompanyStatus;
  established: string;
  /** Money: decimal string with two decimals. */
  registeredCapital: string;
  businessScope: string;
  divisionCode: string;
  address: string;
  buildingId: string;
  representativeIndex: number;
}

export interface Inspection {
  id: string;
  companyIndex: number;
  inspectedOn: string;
  authority: string;
  result: 'PASSED' | 'ISSUES_FOUND' | 'FAILED';
  findings: string;
}

export interface Penalty {
  id: string;
  companyIndex: number;
  decisionNumber: string;
  decidedOn: string;
  authority: string;
  violation: string;
  kind: 'WARNING' | 'FINE' | 'CONFISCATION' | 'SUSPENSION' | 'LICENSE_REVOKED';
  amount: string | null;
}

export interface AbnormalListing {
  id: string;
  companyIndex: number;
  listedOn: string;
  reason: string;
  authority: string;
  removedOn: string | null;
  removalReason: string | null;
}

export interface DishonestyListing {
  companyIndex: number;
  listedOn: string;
  reason: string;
  authority: string;
}
