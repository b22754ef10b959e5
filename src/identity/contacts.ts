import type { IdentityService } from './identity.service.ts';
import type { Database } from '../platform/db/database.ts';
import type { IdentityTables } from './identity.store.ts';

/** How to reach an account holder: the e-mail and phone number kept on the account. */
export interface AccountContact {
  readonly accountId: string;
  readonly fin: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

/**
 * The account side of notifications (portal/notifications): which account a FİN has, and its
 * contact details. Other modules use this instead of reading identity.account themselves.
 */
export interface AccountContacts {
  /** The person's account, created without a password when there is none yet (IAM-004-5.3). */
  accountForFin(fin: string): Promise<string>;
  contactOf(accountId: string): Promise<AccountContact | undefined>;
}

export function accountContacts(database: Database, identity: IdentityService): AccountContacts {
  const db = database.typed<IdentityTables>();
  return {
    accountForFin: (fin) => identity.ensureAccountForFin(fin),
    async contactOf(accountId) {
      const row = await db
        .selectFrom('identity.account')
        .select(['id', 'fin', 'email', 'phone'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { accountId: row.id, fin: row.fin, email: row.email, phone: row.phone };
    },
  };
}
