import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Password hashing and policy (issue 4 item 1). argon2id with OWASP's minimum parameters
 * (19 MiB, t=2, p=1). Each hash takes tens of milliseconds of one core, so at most one per core
 * runs at a time: a burst of logins queues instead of exhausting memory and starving requests.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next === undefined) this.#free += 1;
      else next();
    }
  }
}

const hashing = new Semaphore(Math.max(1, availableParallelism()));

export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => argon2.hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return hashing.run(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for an unknown username: the answer's timing must
 * not tell whether an account exists.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= argon2.hash('no such account; timing only', ARGON2_OPTIONS);
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Local additions to the common-password dictionary: words every Azerbaijani guesser tries. */
const LOCAL_COMMON = [
  'azerbaycan',
  'azərbaycan',
  'azerbaijan',
  'azerbaydjan',
  'baki',
  'baku',
  'qarabag',
  'qarabağ',
  'karabakh',
  'vətən',
  'veten',
  'salam',
  'parol',
  'sifre',
  'şifrə',
];

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (common === undefined) {
    common = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
    for (const word of LOCAL_COMMON) common.add(word);
  }
  return common;
}

export type PasswordProblem = 'common' | 'contains-username';

/**
 * Why a password is refused, beyond its length (the request schema checks that): it is a common
 * password (case ignored, also with digits or symbols only appended, e.g. "Azerbaycan2024!"), or
 * it contains the username.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | undefined {
  const lower = password.toLocaleLowerCase('az');
  if (username.length >= 3 && lower.includes(username.toLocaleLowerCase('az'))) {
    return 'contains-username';
  }
  const words = commonPasswords();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (words.has(lower) || (stem.length >= 4 && words.has(stem))) return 'common';
  return undefined;
}
