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
