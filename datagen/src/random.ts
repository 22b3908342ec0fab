// Deterministic, random-access pseudo-randomness: every draw is a pure function of
// (seed, stream, index), so entity i can be generated without generating the ones before it.

/**
 * A 32-bit hash of the coordinates. Each input is folded in and then avalanched (murmur3's
 * finaliser, a bijection), so nearby seeds or indexes give unrelated values: seed 1 must not
 * be seed 0 with neighbouring indexes swapped.
 */
export function hash32(seed: number, stream: number, index: number, salt = 0): number {
  // Seeds and indexes may pass 2^32: their high words are folded in, not dropped.
  let h = fmix32((seed ^ Math.imul(Math.floor(seed / 0x100000000), 0x27d4eb2f)) >>> 0);
  h = fmix32((h ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b)) >>> 0);
  h = fmix32((h ^ index) >>> 0);
  return fmix32(
    (h ^
      Math.imul(Math.floor(index / 0x100000000) + 0x632be59b, 0x27d4eb2f) ^
      Math.imul(salt + 0x165667b1, 0xc2b2ae35)) >>>
      0,
  );
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Streams keep the draws for different kinds of entity independent of each other. */
export const Stream = {
  household: 1,
  person: 2,
  building: 3,
  company: 4,
  record: 5,
} as const;

/** A small generator (mulberry32) seeded from one entity's coordinates. */
export class Rng {
  private state: number;

  constructor(seed: number, stream: number, index: number, salt = 0) {
    this.state = hash32(seed, stream, index, salt);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** A real calendar date between two ISO dates, inclusive. */
  date(from: string, to: string): string {
    const start = cachedDayNumber(from);
    return isoDate(start + this.int(cachedDayNumber(to) - start + 1));
  }
}

// Calendar arithmetic without Date objects (days from civil, H. Hinnant): a world of a
// million people draws millions of dates, and Date.parse/toISOString dominated the time.

// Most bounds are a few hundred recurring dates (years' first and last days, as-of days).
const dayNumbers = new Map<string, number>();

function cachedDayNumber(iso: string): number {
  let day = dayNumbers.get(iso);
  if (day === undefined) {
    day = dayNumber(iso);
    if (dayNumbers.size > 10_000) dayNumbers.clear();
    dayNumbers.set(iso, day);
  }
  return day;
}

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export function isoDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

// ISO dates (YYYY-MM-DD) compare as text.
/** The latest of some ISO dates. */
export const latestDate = (...dates: string[]): string =>
  dates.reduce((a, b) => (b.localeCompare(a) > 0 ? b : a));
/** The earliest of some ISO dates. */
export const earliestDate = (...dates: string[]): string =>
  dates.reduce((a, b) => (b.localeCompare(a) < 0 ? b : a));

/** The same day `years` later; 29 February becomes 1 March outside leap years. */
export function shiftYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return date.slice(5) === '02-29' && !leap ? `${year}-03-01` : `${year}${date.slice(4)}`;
}

/**
 * An affine bijection x -> (a*x + c) mod m and its inverse: unique identifiers by
 * construction, spread so that neighbouring indexes do not get neighbouring codes.
 */
export class Permutation {
  private readonly a: number;
  private readonly aInverse: number;

  private readonly c: number;

  constructor(
    readonly m: number,
    offset: number,
    multiplier: number,
  ) {
    this.c = offset % m;
    let a = multiplier % m || 1;
    while (gcd(a, m) !== 1) a++;
    this.a = a;
    this.aInverse = modInverse(a, m);
  }

  apply(x: number): number {
    const y = mulMod(this.a, x, this.m) + this.c;
    return y >= this.m ? y - this.m : y;
  }

  invert(y: number): number {
    return mulMod(this.aInverse, (((y - this.c) % this.m) + this.m) % this.m, this.m);
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** a*b mod m for a, b < m <= 2^31, exact in doubles: b is split so no product passes 2^53. */
function mulMod(a: number, b: number, m: number): number {
  const high = (a * Math.floor(b / 65_536)) % m;
  return (high * 65_536 + a * (b % 65_536)) % m;
}

function modInverse(a: number, m: number): number {
  if (m === 1) return 0;
  let [oldR, r] = [a, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}
