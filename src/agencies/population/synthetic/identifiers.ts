import { createRng } from './prng.ts';

/**
 * The FİN alphabet: digits and the capital Latin letters without I and O, which are too easily
 * read as 1 and 0 (Azerbaijan's FİN: 7 characters, "İ" and "O" excluded). 34 symbols.
 */
export const FIN_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const FIN_LENGTH = 7;
/** 34^7 = 52,523,350,144 possible FİNs. */
export const FIN_SPACE = FIN_ALPHABET.length ** FIN_LENGTH;
/** ID cards of the new generation: `AZE` and 8 digits. */
export const ID_CARD_SPACE = 100_000_000;

/**
 * A keyed permutation of [0, size): a balanced Feistel network on 2·halfBits bits, with cycle
 * walking to stay inside `size`. Numbering people 0, 1, 2, … and permuting the numbers gives
 * identifiers that are unique by construction (no set of used ones to keep in memory, however
 * many millions are made) and that look random, as real FİNs do.
 */
class FeistelPermutation {
  readonly #size: number;
  readonly #half: number;
  readonly #mask: number;
  readonly #keys: readonly number[];

  constructor(size: number, halfBits: number, keys: readonly number[]) {
    if (2 ** (2 * halfBits) < size) throw new RangeError('Feistel domain smaller than the size');
    this.#size = size;
    this.#half = 2 ** halfBits;
    this.#mask = this.#half - 1;
    this.#keys = keys;
  }

  #round(value: number, key: number): number {
    // A 32-bit integer mix (from MurmurHash3's finaliser) of the half-block and the round key.
    let h = Math.imul(value ^ key, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.#mask;
  }

  #encrypt(value: number): number {
    let left = Math.floor(value / this.#half);
    let right = value % this.#half;
    for (const key of this.#keys) {
      const next = left ^ this.#round(right, key);
      left = right;
      right = next;
    }
    return left * this.#half + right;
  }

  apply(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.#size) {
      throw new RangeError(`index ${index} is outside [0, ${this.#size})`);
    }
    let value = this.#encrypt(index);
    while (value >= this.#size) value = this.#encrypt(value);
    return value;
  }
}

function roundKeys(seed: string | number, stream: string): number[] {
  const rng = createRng(seed, stream);
  return Array.from({ length: 6 }, () => rng.int(4294967296));
}

/** FİN number `index` of the people made from `seed`: distinct indexes give distinct FİNs. */
export function finMaker(seed: string | number): (index: number) => string {
  // 2 × 18 bits cover 34^7 (about 2^35.6); cycle walking rejects 24 % of the 2^36 values.
  const permutation = new FeistelPermutation(FIN_SPACE, 18, roundKeys(seed, 'fin'));
  return (index) => {
    let value = permutation.apply(index);
    let fin = '';
    for (let i = 0; i < FIN_LENGTH; i++) {
      fin = FIN_ALPHABET.charAt(value % 34) + fin;
      value = Math.floor(value / 34);
    }
    return fin;
  };
}

/** ID-card number `index` of the cards made from `seed`: `AZE` and 8 digits, all distinct. */
export function idCardNumberMaker(seed: string | number): (index: number) => string {
  const permutation = new FeistelPermutation(ID_CARD_SPACE, 14, roundKeys(seed, 'id-card'));
  return (index) => `AZE${String(permutation.apply(index)).padStart(8, '0')}`;
}
