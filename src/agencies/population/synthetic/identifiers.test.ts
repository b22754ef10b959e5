import { describe, expect, it } from 'vitest';
import { FIN_PATTERN, ID_CARD_NUMBER_PATTERN } from '../population.schema.ts';
import { FIN_ALPHABET, FIN_SPACE, finMaker, idCardNumberMaker } from './identifiers.ts';

describe('IAM-003-2.1.9: identifiers that name one person each', () => {
  it('the FİN alphabet is the digits and the capital Latin letters without I and O', () => {
    expect(FIN_ALPHABET).toHaveLength(34);
    expect(FIN_ALPHABET).not.toMatch(/[IO]/);
    expect(FIN_SPACE).toBe(34 ** 7);
  });

  it('FİNs have the format and are unique over 300,000 people', () => {
    const fin = finMaker('unique');
    const format = new RegExp(FIN_PATTERN);
    const seen = new Set<string>();
    for (let i = 0; i < 300_000; i++) {
      const value = fin(i);
      expect(format.test(value)).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(300_000);
  });

  it('ID-card numbers are AZE and 8 digits, unique over 300,000 cards', () => {
    const card = idCardNumberMaker('unique');
    const format = new RegExp(ID_CARD_NUMBER_PATTERN);
    const seen = new Set<string>();
    for (let i = 0; i < 300_000; i++) {
      const value = card(i);
      expect(format.test(value)).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(300_000);
  });

  it('the last index of each space still maps inside it; one beyond is refused', () => {
    const card = idCardNumberMaker('edge');
    expect(card(99_999_999)).toMatch(/^AZE\d{8}$/);
    expect(finMaker('edge')(FIN_SPACE - 1)).toMatch(new RegExp(FIN_PATTERN));
    expect(() => card(100_000_000)).toThrow(RangeError);
  });

  it('depends on the seed only: same seed same FİNs, another seed other FİNs', () => {
    const a = finMaker(1);
    const b = finMaker(1);
    const c = finMaker(2);
    const first = Array.from({ length: 100 }, (_, i) => a(i));
    expect(Array.from({ length: 100 }, (_, i) => b(i))).toEqual(first);
    expect(Array.from({ length: 100 }, (_, i) => c(i))).not.toEqual(first);
  });
});
