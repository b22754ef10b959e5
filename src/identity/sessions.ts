import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../platform/time/clock.ts';
import type { Acr, IdentityDb, SessionRow } from './identity.store.ts';

/** IAM-003-2.1.4: exactly one kind per account. */
export type AccountKind =
  'natural-person' | 'legal-person' | 'state-body' | 'local-self-government';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often: one write a minute, not one per request. */
const TOUCH_EVERY_MS = 60_000;
/**
 * A resolved session is kept in memory this long, so an ordinary request costs no query. A session
 * ended on this node is dropped at once; other nodes drop their whole cache on the database
 * notification `ehis_sessions_changed`, and at the latest after this time.
 */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
const CHANNEL = 'ehis_sessions_changed';

type CachedRow = SessionRow & {
  fin: string | null;
  username: string;
  status: string;
  kind: string;
};

export interface ActingFor {
  readonly fin: string;
  readonly relation: string;
  /** First day the right no longer applies (the 18th birthday, the end of a guardianship). */
  readonly until: string | null;
  /** "First Last", shown in the header while acting. */
  readonly name: string;
  readonly checkedAt: Date;
}

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly kind: AccountKind;
  readonly fin: string | null;
  readonly username: string;
  readonly acr: Acr;
  readonly amr: readonly string[];
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly absoluteExpiresAt: Date;
  readonly actingFor: ActingFor | undefined;
  readonly profile: unknown;
}

export interface SessionSummary {
  readonly id: string;
  readonly acr: Acr;
  readonly amr: readonly string[];
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly endedAt: Date | null;
  readonly endReason: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export type Resolved =
  | { readonly kind: 'active'; readonly session: Session }
  | { readonly kind: 'expired' }
  | { readonly kind: 'none' };

/** The database id of a session: the token's SHA-256, so a stolen table holds no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A public handle for a session in lists (`endSession`), unrelated to the cookie. */
function handleOf(id: string): string {
  return createHash('sha256').update(`handle:${id}`).digest('base64url').slice(0, 22);
}

function toSession(
  row: SessionRow,
  account: { fin: string | null; username: string; kind: string },
): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: account.kind as AccountKind,
    fin: account.fin,
    username: account.username,
    acr: row.acr,
    amr: row.amr.split(' '),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    absoluteExpiresAt: row.absolute_expires_at,
    actingFor:
      row.acting_for_fin === null
        ? undefined
        : {
            fin: row.acting_for_fin,
            relation: row.acting_for_relation ?? 'representative',
            until: row.acting_for_until,
            name: row.acting_for_name ?? '',
            checkedAt: row.acting_checked_at ?? row.created_at,
          },
    profile: row.profile,
  };
}

/**
 * Server-side sessions (issue 4 item 3): a random 256-bit token in an httpOnly cookie; the
 * database keeps its hash. Idle timeout 30 minutes, absolute 12 hours, both on the injectable clock.
 */
export class SessionStore {
  readonly #db: IdentityDb;
  readonly #clock: Clock;
  readonly #listen: ((channel: string, onNotify: () => void) => Promise<unknown>) | undefined;
  readonly #cache = new Map<string, { row: CachedRow; until: number }>();
  /** The Session built from a cached row, so a cache hit allocates nothing. */
  readonly #built = new WeakMap<CachedRow, Session>();
  #listening: Promise<unknown> | undefined;

  constructor(options: {
    readonly db: IdentityDb;
    readonly clock: Clock;
    /** The database's LISTEN, to hear about sessions other nodes end. */
    readonly listen?: (channel: string, onNotify: () => void) => Promise<unknown>;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#listen = options.listen;
  }

  /** Drops cached sessions here and tells the other nodes to drop theirs. */
  async #changed(id?: string): Promise<void> {
    if (id === undefined) this.#cache.clear();
    else this.#cache.delete(id);
    await sql`SELECT pg_notify(${CHANNEL}, '')`.execute(this.#db);
  }

  async #load(id: string): Promise<CachedRow | undefined> {
    // Wall-clock time for the cache, not the injectable clock: it bounds staleness, not policy.
    const now = Date.now();
    const hit = this.#cache.get(id);
    if (hit !== undefined && hit.until > now) return hit.row;
    if (this.#listen !== undefined && this.#listening === undefined) {
      this.#listening = this.#listen(CHANNEL, () => this.#cache.clear()).catch(() => undefined);
    }
    const row = await this.#db
      .selectFrom('identity.session as s')
      .innerJoin('identity.account as a', 'a.id', 's.account_id')
      .selectAll('s')
      .select(['a.fin', 'a.username', 'a.status', 'a.kind'])
      .where('s.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    if (this.#cache.size >= CACHE_MAX) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(id, { row, until: now + CACHE_MS });
    return row;
  }

  async create(
    accountId: string,
    login: { acr: Acr; amr: readonly string[]; ip?: string; userAgent?: string },
  ): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#clock.now();
    const row: SessionRow = {
      id: sessionIdOf(token),
      account_id: accountId,
      acr: login.acr,
      amr: login.amr.join(' '),
      created_at: now,
      last_seen_at: now,
      absolute_expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ended_at: null,
      end_reason: null,
      ip: login.ip ?? null,
      user_agent: login.userAgent?.slice(0, 300) ?? null,
      acting_for_fin: null,
      acting_for_relation: null,
      acting_for_until: null,
      acting_for_name: null,
      acting_checked_at: null,
      profile: null,
    };
    await this.#db.insertInto('identity.session').values(row).execute();
    const account = await this.#db
      .selectFrom('identity.account')
      .select(['fin', 'username', 'kind'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    return { token, session: toSession(row, account) };
  }

  /** The session a cookie token stands for; an idle or too old one is ended on the way. */
  async resolve(token: string): Promise<Resolved> {
    const id = sessionIdOf(token);
    const row = await this.#load(id);
    if (row === undefined) return { kind: 'none' };
    if (row.ended_at !== null) return { kind: 'expired' };
    const now = this.#clock.now();
    const idleEnd = row.last_seen_at.getTime() + SESSION_IDLE_MS;
    const reason =
      row.status !== 'active'
        ? 'account-suspended'
        : now.getTime() >= row.absolute_expires_at.getTime()
          ? 'absolute-timeout'
          : now.getTime() >= idleEnd
            ? 'idle-timeout'
            : undefined;
    if (reason !== undefined) {
      await this.end(id, reason);
      return { kind: 'expired' };
    }
    if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
      row.last_seen_at = now;
      this.#built.delete(row);
      await this.#db
        .updateTable('identity.session')
        .set({ last_seen_at: now })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .execute();
    }
    let session = this.#built.get(row);
    if (session === undefined) {
      session = toSession(row, row);
      this.#built.set(row, session);
    }
    return { kind: 'active', session };
  }

  async end(id: string, reason: string): Promise<void> {
    await this.#db
      .updateTable('identity.session')
      .set({ ended_at: this.#clock.now(), end_reason: reason })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    await this.#changed(id);
  }

  /** The account's sessions, newest first: active ones and the last 30 days of ended ones. */
  async list(
    accountId: string,
    currentId: string,
  ): Promise<(SessionSummary & { current: boolean })[]> {
    const since = new Date(this.#clock.now().getTime() - 30 * 24 * 60 * 60_000);
    const rows = await this.#db
      .selectFrom('identity.session')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    const now = this.#clock.now().getTime();
    return rows.map((row) => {
      const lapsed =
        row.ended_at === null &&
        (now >= row.absolute_expires_at.getTime() ||
          now >= row.last_seen_at.getTime() + SESSION_IDLE_MS);
      return {
        id: handleOf(row.id),
        acr: row.acr,
        amr: row.amr.split(' '),
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        endedAt: lapsed
          ? new Date(
              Math.min(
                row.absolute_expires_at.getTime(),
                row.last_seen_at.getTime() + SESSION_IDLE_MS,
              ),
            )
          : row.ended_at,
        endReason: lapsed ? 'timeout' : row.end_reason,
        ip: row.ip,
        userAgent: row.user_agent,
        current: row.id === currentId,
      };
    });
  }

  /** Ends one of the account's own sessions by its public handle; false when there is none. */
  async endByHandle(accountId: string, handle: string, reason: string): Promise<boolean> {
    const rows = await this.#db
      .selectFrom('identity.session')
      .select('id')
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .execute();
    const match = rows.find((row) => handleOf(row.id) === handle);
    if (match === undefined) return false;
    await this.end(match.id, reason);
    return true;
  }

  /** Ends every session of an account (password change, suspension). */
  async endAll(accountId: string, reason: string): Promise<void> {
    await this.#db
      .updateTable('identity.session')
      .set({ ended_at: this.#clock.now(), end_reason: reason })
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .execute();
    await this.#changed();
  }

  async setActingFor(id: string, acting: Omit<ActingFor, 'checkedAt'> | undefined): Promise<void> {
    await this.#db
      .updateTable('identity.session')
      .set({
        acting_for_fin: acting?.fin ?? null,
        acting_for_relation: acting?.relation ?? null,
        acting_for_until: acting?.until ?? null,
        acting_for_name: acting?.name ?? null,
        acting_checked_at: acting === undefined ? null : this.#clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await this.#changed(id);
  }

  async setProfile(id: string, profile: unknown): Promise<void> {
    await this.#db
      .updateTable('identity.session')
      .set({ profile: JSON.stringify(profile) })
      .where('id', '=', id)
      .execute();
    // Only this node's copy: the profile is a cache itself, other nodes may fetch their own.
    this.#cache.delete(id);
  }
}
