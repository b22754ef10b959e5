import type { Kysely } from 'kysely';

export type Acr = 'low' | 'substantial' | 'high';

export interface IdentityTables {
  'identity.account': {
    id: string;
    kind: string;
    fin: string | null;
    username: string;
    username_key: string;
    password_hash: string | null;
    email: string | null;
    phone: string | null;
    status: string;
    created_at: Date;
  };
  'identity.session': {
    id: string;
    account_id: string;
    acr: Acr;
    amr: string;
    created_at: Date;
    last_seen_at: Date;
    absolute_expires_at: Date;
    ended_at: Date | null;
    end_reason: string | null;
    ip: string | null;
    user_agent: string | null;
    acting_for_fin: string | null;
    acting_for_relation: string | null;
    acting_for_until: string | null;
    acting_for_name: string | null;
    acting_checked_at: Date | null;
    profile: unknown;
  };
  'identity.throttle': {
    key: string;
    failures: number;
    last_failure_at: Date;
    locked_until: Date | null;
  };
  'identity.known_browser': {
    token_hash: string;
    account_id: string;
    created_at: Date;
    last_used_at: Date;
  };
}

export type IdentityDb = Kysely<IdentityTables>;
export type AccountRow = IdentityTables['identity.account'];
export type SessionRow = IdentityTables['identity.session'];

/** The lower-cased username: "Anar" and "anar" are one name (issue 4 item 1). */
export function usernameKey(username: string): string {
  return username.normalize('NFC').toLocaleLowerCase('az');
}

export async function findAccountById(db: IdentityDb, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('identity.account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccountByUsername(
  db: IdentityDb,
  username: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('identity.account')
    .selectAll()
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
}

export async function findAccountByFin(
  db: IdentityDb,
  fin: string,
): Promise<AccountRow | undefined> {
  return db.selectFrom('identity.account').selectAll().where('fin', '=', fin).executeTakeFirst();
}
