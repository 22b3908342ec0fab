import type { GraphQLScalarType } from 'graphql';
import { BuildingIdScalar } from './buildingId.js';
import { CreditCodeScalar } from './creditCode.js';
import { DateScalar, DateTimeScalar } from './date.js';
import { DivisionCodeScalar } from './divisionCode.js';
import { MoneyScalar } from './money.js';
import { NationalIdScalar } from './nationalId.js';

export { checkBuildingId } from './buildingId.js';
export { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckChar } from './creditCode.js';
export { checkDate, checkDateTime, chinaDateTime, isRealDate } from './date.js';
export { checkDivisionCode, divisionCodeProblem, PROVINCE_PREFIXES } from './divisionCode.js';
export { type Checker, makeStringScalar } from './makeStringScalar.js';
export { checkMoney, formatCents, parseCents } from './money.js';
export { checkNationalId, nationalIdCheckChar } from './nationalId.js';
export {
  BuildingIdScalar,
  CreditCodeScalar,
  DateScalar,
  DateTimeScalar,
  DivisionCodeScalar,
  MoneyScalar,
  NationalIdScalar,
};

/** Every standard scalar by name: subgraph resolver maps and the gateway both use this. */
export const standardScalars: Readonly<Record<string, GraphQLScalarType<string, string>>> = {
  NationalId: NationalIdScalar,
  CreditCode: CreditCodeScalar,
  DivisionCode: DivisionCodeScalar,
  BuildingId: BuildingIdScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
};

/**
 * For standard scalars that read most texts exactly as given: which texts their reading may
 * change. Any other text a scalar here either reads as given or refuses (NationalId rewrites
 * only a check character typed as a lower-case x; CreditCode rewrites nothing). A reader that
 * wants a value's canonical form (the gateway's subject walk, 100 national IDs per list
 * request) then skips the parse and any memo for the common text. Scalars absent here may
 * change any text (Money writes every amount anew).
 */
export const standardScalarRewrites: Readonly<Record<string, (text: string) => boolean>> = {
  NationalId: (text) => text.endsWith('x'),
  CreditCode: () => false,
};
