import { describe, expect, it } from 'vitest';
import { dayNumber, hash32, isoDate, Permutation, Rng } from '../src/random.js';

describe('random-access randomness', () => {
  it('hashes the same coordinates to the same value and neighbouring ones apart', () => {
    expect(hash32(42, 2, 7)).toBe(hash32(42, 2, 7));
    const values = new Set<number>();
    for (let seed = 0; seed < 4; seed++) {
      for (let index = 0; index < 250; index++) values.add(hash32(seed, 2, index));
    }
    expect(values.size).toBe(1_000);
    expect(hash32(2 ** 32 + 5, 1, 0)).not.toBe(hash32(5, 1, 0));
    expect(hash32(1, 1, 2 ** 32 + 5)).not.toBe(hash32(1, 1, 5));
  });

  it('draws repeatable values in range from an entity generator', () => {
    const a = new Rng(7, 1, 99);
    const b = new Rng(7, 1, 99);
    const drawn = Array.from({ length: 1_000 }, () => a.between(3, 5));
    expect(drawn).toEqual(Array.from({ length: 1_000 }, () => b.between(3, 5)));
    expect(new Set(drawn)).toEqual(new Set([3, 4, 5]));
    const dates = Array.from({ length: 1_000 }, () => a.date('2024-02-28', '2024-03-01'));
    expect(new Set(dates)).toEqual(new Set(['2024-02-28', '2024-02-29', '2024-03-01']));
  });

  it('counts days like the calendar, leap years included', () => {
    for (let day = -25_000; day < 25_000; day += 7) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(isoDate(day)).toBe(iso);
      expect(dayNumber(iso)).toBe(day);
    }
    expect(dayNumber('2000-02-29') + 1).toBe(dayNumber('2000-03-01'));
    expect(isoDate(dayNumber('1900-02-28') + 1)).toBe('1900-03-01');
  });

  it('permutes 0..m-1 one to one and inverts, even when the multiplier shares a factor with m', () => {
    const perm = new Permutation(1_000, 17, 250);
    const images = Array.from({ length: 1_000 }, (_, x) => perm.apply(x));
    expect(new Set(images).size).toBe(1_000);
    expect(Math.max(...images)).toBe(999);
    expect(images.map((y) => perm.invert(y))).toEqual(images.map((_, x) => x));
  });

  it('multiplies exactly modulo large m, as BigInt does', () => {
    const m = 31 ** 6;
    const perm = new Permutation(m, 123_456_789, 4_000_000_007);
    for (const x of [0, 1, 65_535, 65_536, 123_456_789, m - 1]) {
      const y = perm.apply(x);
      expect(y).toBeLessThan(m);
      expect(perm.invert(y)).toBe(x);
    }
    const a = 4_000_000_007 % m;
    const x = m - 2;
    expect(new Permutation(m, 0, a).apply(x)).toBe(Number((BigInt(a) * BigInt(x)) % BigInt(m)));
  });
});
