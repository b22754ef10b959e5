/**
 * A small seeded pseudo-random generator (sfc32, Chris Doty-Humphrey's "small fast chaotic" PRNG)
 * for synthetic data: the same seed gives the same sequence on every machine, byte for byte.
 *
 * Only integer arithmetic and IEEE-754 `+ - * /` are used, never `Math.log`, `Math.sin` or
 * `Math.random`: the results of those may differ between engines and platforms.
 */
export interface Rng {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An integer in [0, n) for 1 ≤ n ≤ 2^32. */
  int(n: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /**
   * An approximately normal value (Irwin–Hall: the sum of four uniforms, rescaled) clipped to
   * [min, max]; bounded tails are what ages and gaps need.
   */
  normal(mean: number, sd: number, min: number, max: number): number;
  /** An index drawn with the weights behind `cumulative` (ascending running totals). */
  weighted(cumulative: readonly number[]): number;
}

const TWO_POW_32 = 4294967296;
// The sum of four uniforms has variance 4/12; this rescales it to variance 1.
const IRWIN_HALL_4_SD = Math.sqrt(4 / 12);

/** Hashes text into four 32-bit words (cyrb128, public domain). */
function seedWords(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Creates an independent stream for `seed`; `stream` separates uses of one seed (the people,
 * the FİN permutation, the card permutation) so that a change in one does not shift the others.
 */
export function createRng(seed: string | number, stream = 'main'): Rng {
  // A number and its decimal text are the same seed: `--seed 42` on the command line is 42.
  let [a, b, c, d] = seedWords(`${String(seed)}/${stream}`);

  function nextUint32(): number {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  }

  // The first outputs of sfc32 still show the seed; the reference implementation discards 12.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    int(n) {
      return Math.floor(next() * n);
    },
    between(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick: empty array');
      return item;
    },
    normal(mean, sd, min, max) {
      const sum = next() + next() + next() + next();
      const value = mean + ((sum - 2) / IRWIN_HALL_4_SD) * sd;
      return value < min ? min : value > max ? max : value;
    },
    weighted(cumulative) {
      const total = cumulative[cumulative.length - 1];
      if (total === undefined || total <= 0) throw new RangeError('weighted: no weight');
      const target = next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Running totals of `weights`, the form `Rng.weighted` draws from. */
export function cumulative(weights: readonly number[]): number[] {
  const result: number[] = [];
  let sum = 0;
  for (const weight of weights) {
    sum += weight;
    result.push(sum);
  }
  return result;
}
