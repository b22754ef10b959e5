import { describe, expect, it } from 'vitest';
import { createRng, cumulative } from './prng.ts';

const sequence = (seed: string | number, stream?: string): number[] => {
  const rng = createRng(seed, stream);
  return Array.from({ length: 1000 }, () => rng.next());
};

describe('the seeded generator (sfc32)', () => {
  it('gives the same sequence for the same seed, every time', () => {
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence('ehis-demo')).toEqual(sequence('ehis-demo'));
  });

  it('gives different sequences for different seeds and streams; 42 and "42" are one seed', () => {
    expect(sequence(42)).not.toEqual(sequence(43));
    expect(sequence(42, 'a')).not.toEqual(sequence(42, 'b'));
    expect(sequence(42)).toEqual(sequence('42'));
  });

  it('is pinned: a change to the algorithm would change every seeded database', () => {
    const rng = createRng(42);
    expect([rng.int(1_000_000), rng.int(1_000_000), rng.int(1_000_000)]).toMatchInlineSnapshot(`
      [
        684897,
        345105,
        19076,
      ]
    `);
  });

  it('keeps values in range and roughly uniform', () => {
    const rng = createRng('uniform');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const value = rng.between(0, 9);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(9);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws by weight, never an item of weight zero, and clips normal values', () => {
    const rng = createRng('weights');
    const table = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const index = rng.weighted(table);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeGreaterThan(2.7);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeLessThan(3.3);
    for (let i = 0; i < 10_000; i++) {
      const value = rng.normal(27, 5, 18, 42);
      expect(value).toBeGreaterThanOrEqual(18);
      expect(value).toBeLessThanOrEqual(42);
    }
  });
});
