import { INVALID_DATE, INVALID_DATETIME } from '../errors/codes/input.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

/** True when year-month-day is a day that exists in the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Not Date.UTC: it reads years 0-99 as 1900-1999, and 1900 is no leap year but year 0 is.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

export const checkDate: Checker = (value) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { ok: false, problem: 'a date is written YYYY-MM-DD.' };
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (!isRealDate(y, m, d)) return { ok: false, problem: `${value} is not a day of the calendar.` };
  return { ok: true, value };
};

const DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const checkDateTime: Checker = (value) => {
  const match = DATETIME.exec(value);
  if (!match) {
    return {
      ok: false,
      problem: 'a timestamp is RFC 3339 with an offset, e.g. 2024-05-01T08:30:00+08:00.',
    };
  }
  const date = checkDate(match[1] ?? '');
  return date.ok ? { ok: true, value } : date;
};

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * An instant as a `DateTime` in China Standard Time (UTC+8, no daylight saving), to the second:
 * `2025-03-01T09:30:00+08:00`. Departments store timestamps in this one offset so that the text
 * sorts in time order on both engines.
 */
export function chinaDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export const DateScalar = makeStringScalar({
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD` (ISO 8601).',
  code: INVALID_DATE,
  check: checkDate,
});

export const DateTimeScalar = makeStringScalar({
  name: 'DateTime',
  description: 'An instant, RFC 3339 with a time-zone offset, e.g. `2024-05-01T08:30:00+08:00`.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339',
  code: INVALID_DATETIME,
  check: checkDateTime,
});
