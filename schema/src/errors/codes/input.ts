import { makeCode } from '../ErrorCode.js';

export const INVALID_NATIONAL_ID = makeCode(
  'INVALID_NATIONAL_ID',
  'input',
  400,
  'A `NationalId` value is not a valid 18-character resident identity number (GB 11643-1999): wrong length, a character that is not a digit (or a final X), an unknown province, an impossible birth date, or a wrong check character. The message names which, and for a wrong check character what it should have been.',
);
export const INVALID_CREDIT_CODE = makeCode(
  'INVALID_CREDIT_CODE',
  'input',
  400,
  'A `CreditCode` value is not a valid 18-character Unified Social Credit Code (GB 32100-2015): wrong length, a character outside `0-9A-HJ-NPQRTUWXY`, a malformed division code, or a wrong check character (the message gives the expected one).',
);
export const INVALID_DIVISION_CODE = makeCode(
  'INVALID_DIVISION_CODE',
  'input',
  400,
  'A `DivisionCode` is not a 6-digit administrative division code (GB/T 2260) with a known province prefix.',
);
export const INVALID_BUILDING_ID = makeCode(
  'INVALID_BUILDING_ID',
  'input',
  400,
  'A `BuildingId` is not of the form `DDDDDDBNNNNNNNN`: the 6-digit division code of the building, the letter B, and an 8-digit serial.',
);
export const INVALID_DATE = makeCode(
  'INVALID_DATE',
  'input',
  400,
  'A `Date` is not a real calendar date written `YYYY-MM-DD`.',
);
export const INVALID_DATETIME = makeCode(
  'INVALID_DATETIME',
  'input',
  400,
  'A `DateTime` is not an RFC 3339 timestamp with a time-zone offset, e.g. `2024-05-01T08:30:00+08:00`.',
);
export const INVALID_MONEY = makeCode(
  'INVALID_MONEY',
  'input',
  400,
  'A `Money` value is not a decimal string in CNY with at most two decimals (e.g. `"1234.50"`). Numbers are refused to avoid floating-point rounding.',
);
export const INVALID_ARGUMENT = makeCode(
  'INVALID_ARGUMENT',
  'input',
  400,
  'An argument is outside what the field accepts: a page size above the cap, a malformed cursor, an empty search term. The message names the argument and the allowed range.',
);
