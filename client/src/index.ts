// What an agency's typed client imports at run time: branded types for the standard scalars and
// their checks. No server code: it reaches only the standards' pure checkers and graphql-js.
// The codegen scalar mapping is at `@govgraph/client/codegen`.
export { creditCodeCheckChar, nationalIdCheckChar } from '@govgraph/schema/scalars';
export {
  type Branded,
  type BuildingId,
  type CreditCode,
  checkScalar,
  type Date,
  type DateTime,
  type DivisionCode,
  InvalidScalarError,
  isScalar,
  type Money,
  type NationalId,
  parseBuildingId,
  parseCreditCode,
  parseDate,
  parseDateTime,
  parseDivisionCode,
  parseMoney,
  parseNationalId,
  parseScalar,
  type ScalarCheck,
  STANDARD_SCALAR_NAMES,
  type StandardScalarName,
  type StandardScalars,
} from './scalars.js';
