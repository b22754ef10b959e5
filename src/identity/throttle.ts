import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../platform/time/clock.ts';
import type { IdentityDb } from './identity.store.ts';

/**
 * Password-guessing brakes (issue 4 item 3). Failures are counted per account and per client
 * address. Past a threshold each failure locks the key for a growing time (30 s, 1 min, 2 min …,
 * capped at 15 min); an hour without failures starts the count afresh.
 *
 * A stranger must not be able to lock the owner out for ever by guessing on purpose: the account
 * lock does not apply to a browser that logged in to that account before (cookie `ehis_device`,
 * OWASP's "device cookie"), and the other login methods (certificate, mobile, passkey) never
 * consult it. The address lock still applies to everyone from that address.
 */
export const ACCOUNT_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 20;
const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export function lockDurationMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** Math.min(failures - threshold, 10), MAX_LOCK_MS);
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class LoginThrottle {
  readonly #db: IdentityDb;
  readonly #clock: Clock;

  constructor(options: { readonly db: IdentityDb; readonly clock: Clock }) {
    this.#db = options.db;
    this.#clock = options.clock;
  }

  /** Seconds to wait before another attempt for any of `keys`; 0 when none is locked. */
  async retryAfterSeconds(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.#db
      .selectFrom('identity.throttle')
      .select(['locked_until'])
      .where('key', 'in', keys)
      .execute();
    const now = this.#clock.now().getTime();
    let wait = 0;
    for (const row of rows) {
      if (row.locked_until !== null && row.locked_until.getTime() > now) {
        wait = Math.max(wait, Math.ceil((row.locked_until.getTime() - now) / 1000));
      }
    }
    return wait;
  }

  /** Counts a failure for each key (with its threshold) in one atomic upsert per key. */
  async fail(keys: readonly { key: string; threshold: number }[]): Promise<void> {
    const now = this.#clock.now();
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
    for (const { key, threshold } of keys) {
      const row = await this.#db
        .insertInto('identity.throttle')
        .values({ key, failures: 1, last_failure_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`CASE WHEN identity.throttle.last_failure_at < ${forgetBefore} THEN 1 ELSE identity.throttle.failures + 1 END`,
            last_failure_at: now,
          }),
        )
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      const lockMs = lockDurationMs(row.failures, threshold);
      if (lockMs > 0) {
        await this.#db
          .updateTable('identity.throttle')
          .set({ locked_until: new Date(now.getTime() + lockMs) })
          .where('key', '=', key)
          .execute();
      }
    }
  }

  async reset(key: string): Promise<void> {
    await this.#db.deleteFrom('identity.throttle').where('key', '=', key).execute();
  }

  /** Remembers a browser that logged in to the account; returns the cookie value. */
  async rememberBrowser(accountId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const now = this.#clock.now();
    await this.#db
      .insertInto('identity.known_browser')
      .values({
        token_hash: hash(token),
        account_id: accountId,
        created_at: now,
        last_used_at: now,
      })
      .execute();
    return token;
  }

  /** Whether `token` (cookie ehis_device) belongs to a browser that logged in to the account. */
  async isKnownBrowser(accountId: string, token: string | undefined): Promise<boolean> {
    if (token === undefined || token.length > 100) return false;
    const row = await this.#db
      .selectFrom('identity.known_browser')
      .select('account_id')
      .where('token_hash', '=', hash(token))
      .executeTakeFirst();
    return row?.account_id === accountId;
  }
}
