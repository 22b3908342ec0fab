import {
  type ErrorCode,
  INVALID_BUILDING_ID,
  INVALID_CREDIT_CODE,
  INVALID_DATE,
  INVALID_DATETIME,
  INVALID_DIVISION_CODE,
  INVALID_MONEY,
  INVALID_NATIONAL_ID,
  quoteInput,
} from '@govgraph/schema/errors';
import {
  type Checker,
  checkBuildingId,
  checkCreditCode,
  checkDate,
  checkDateTime,
  checkDivisionCode,
  checkMoney,
  checkNationalId,
} from '@govgraph/schema/scalars';

/**
 * A string that passed the check of the standard scalar `Name`. Only this package's
 * constructors (and the gateway's answers, through generated types) make one: a plain `string`
 * is not assignable to it.
 */
export type Branded<Name extends string> = string & { readonly __brand: Name };

/** Resident identity number (GB 11643-1999), e.g. `11010519491231002X`. */
export type NationalId = Branded<'NationalId'>;
/** Unified Social Credit Code (GB 32100-2015), e.g. `91350100M000100Y43`. */
export type CreditCode = Branded<'CreditCode'>;
/** Administrative division code (GB/T 2260), e.g. `110105`. */
export type DivisionCode = Branded<'DivisionCode'>;
/** Building in the real-estate registry: division code, `B`, 8-digit serial. */
export type BuildingId = Branded<'BuildingId'>;
/** A calendar day, `YYYY-MM-DD`. Named as the GraphQL scalar; it is a string, not JS `Date`. */
export type Date = Branded<'Date'>;
/** An instant, RFC 3339 with an offset, e.g. `2024-05-01T08:30:00+08:00`. */
export type DateTime = Branded<'DateTime'>;
/** An amount in CNY as a decimal string with two decimals, e.g. `"1234.50"`. */
export type Money = Branded<'Money'>;

/** The branded type of each standard scalar, by its GraphQL name. */
export interface StandardScalars {
  NationalId: NationalId;
  CreditCode: CreditCode;
  DivisionCode: DivisionCode;
  BuildingId: BuildingId;
  Date: Date;
  DateTime: DateTime;
  Money: Money;
}

export type StandardScalarName = keyof StandardScalars;

interface ScalarRule {
  check: Checker;
  code: ErrorCode;
}

// The standards' own checkers (check characters included), so a client refuses exactly what
// the gateway would refuse, with the same sentence.
const RULES: Readonly<Record<StandardScalarName, ScalarRule>> = {
  NationalId: { check: checkNationalId, code: INVALID_NATIONAL_ID },
  CreditCode: { check: checkCreditCode, code: INVALID_CREDIT_CODE },
  DivisionCode: { check: checkDivisionCode, code: INVALID_DIVISION_CODE },
  BuildingId: { check: checkBuildingId, code: INVALID_BUILDING_ID },
  Date: { check: checkDate, code: INVALID_DATE },
  DateTime: { check: checkDateTime, code: INVALID_DATETIME },
  Money: { check: checkMoney, code: INVALID_MONEY },
};

/** The names of the standard scalars this package brands. */
export const STANDARD_SCALAR_NAMES = Object.keys(RULES) as readonly StandardScalarName[];

/** The outcome of checking user input against a standard scalar. */
export type ScalarCheck<Name extends StandardScalarName> =
  | { ok: true; value: StandardScalars[Name] }
  | {
      ok: false;
      /** What is wrong, as a sentence for the user (e.g. which check character it should be). */
      problem: string;
      /** The whole message, as the gateway would word it. */
      message: string;
      /** The error code the gateway would answer with (`INVALID_NATIONAL_ID`, …). */
      code: string;
    };

/** Thrown by the `parse…` constructors; `problem` is the sentence to show the user. */
export class InvalidScalarError extends Error {
  override name = 'InvalidScalarError';
  constructor(
    readonly scalar: StandardScalarName,
    readonly code: string,
    readonly problem: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks input (trimmed of surrounding spaces) against a standard scalar: the canonical branded
 * value (a lower-case final `x` of a national ID becomes `X`; money gets two decimals), or
 * what is wrong.
 */
export function checkScalar<Name extends StandardScalarName>(
  name: Name,
  input: string,
): ScalarCheck<Name> {
  const rule = RULES[name];
  const result = rule.check(input.trim());
  if (result.ok) return { ok: true, value: result.value as StandardScalars[Name] };
  return {
    ok: false,
    problem: result.problem,
    message: `${name} ${quoteInput(input)} is invalid: ${result.problem}`,
    code: rule.code.code,
  };
}

/** Like `checkScalar`, but returns the branded value or throws an `InvalidScalarError`. */
export function parseScalar<Name extends StandardScalarName>(
  name: Name,
  input: string,
): StandardScalars[Name] {
  const result = checkScalar(name, input);
  if (result.ok) return result.value;
  throw new InvalidScalarError(name, result.code, result.problem, result.message);
}

/** True when the value already is a valid, canonical value of the scalar. */
export function isScalar<Name extends StandardScalarName>(
  name: Name,
  value: unknown,
): value is StandardScalars[Name] {
  if (typeof value !== 'string') return false;
  const result = RULES[name].check(value);
  return result.ok && result.value === value;
}

export const parseNationalId = (input: string): NationalId => parseScalar('NationalId', input);
export const parseCreditCode = (input: string): CreditCode => parseScalar('CreditCode', input);
export const parseDivisionCode = (input: string): DivisionCode =>
  parseScalar('DivisionCode', input);
export const parseBuildingId = (input: string): BuildingId => parseScalar('BuildingId', input);
export const parseDate = (input: string): Date => parseScalar('Date', input);
export const parseDateTime = (input: string): DateTime => parseScalar('DateTime', input);
export const parseMoney = (input: string): Money => parseScalar('Money', input);
