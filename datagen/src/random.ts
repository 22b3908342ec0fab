// Deterministic, random-access pseudo-randomness: every draw is a pure function of
// (seed, stream, index), so entity i can be generated without generating the ones before it.

/** A 32-bit mix of the inputs (murmur3 finaliser over a splitmix-style combination). */
export function hash32(seed: number, stream: number, index: number, salt = 0): number {
  let h = (seed ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (index >>> 0), 0xcc9e2d51) >>> 0;
  h = Math.imul(h ^ Math.floor(index / 0x100000000), 0x1b873593) >>> 0;
  h = (h ^ Math.imul(salt + 0x632be59b, 0x27d4eb2f)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
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
    const start = Date.parse(`${from}T00:00:00Z`);
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
    return new Date(start + this.int(days + 1) * 86_400_000).toISOString().slice(0, 10);
  }
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

function mulMod(a: number, b: number, m: number): number {
  // a and b are below 2^31 here; BigInt keeps the product exact.
  return Number((BigInt(a) * BigInt(b)) % BigInt(m));
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
