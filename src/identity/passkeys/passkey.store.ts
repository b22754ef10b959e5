import type { Kysely } from 'kysely';
import type { IdentityTables } from '../identity.store.ts';

export interface PasskeyTables extends IdentityTables {
  'identity.passkey': {
    credential_id: string;
    account_id: string;
    public_key: string;
    counter: number;
    transports: string;
    device_type: string;
    backed_up: boolean;
    label: string;
    created_at: Date;
    last_used_at: Date | null;
  };
  'identity.passkey_challenge': {
    challenge: string;
    purpose: 'registration' | 'login';
    account_id: string | null;
    created_at: Date;
    expires_at: Date;
  };
}

export type PasskeyDb = Kysely<PasskeyTables>;
export type PasskeyRow = PasskeyTables['identity.passkey'];

/** A passkey as its owner sees it: no key material. */
export interface Passkey {
  readonly id: string;
  readonly label: string;
  readonly deviceType: string;
  readonly backedUp: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.credential_id,
    label: row.label,
    deviceType: row.device_type,
    backedUp: row.backed_up,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
