import type { Kysely } from 'kysely';
import type { IdentityTables } from '../identity.store.ts';

export interface OidcTables extends IdentityTables {
  'identity.oidc_client': {
    client_id: string;
    name: string;
    member_code: string;
    redirect_uris: unknown;
    allow_fin: boolean;
    secret_salt: string;
    created_at: Date;
    created_by: string;
    revoked_at: Date | null;
    revoked_by: string | null;
  };
  'identity.oidc_model': {
    model: string;
    id: string;
    payload: unknown;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
}

export type OidcDb = Kysely<OidcTables>;
export type OidcClientRow = OidcTables['identity.oidc_client'];

/** A relying party as the operator sees it (never with its secret). */
export interface OidcClient {
  readonly clientId: string;
  readonly name: string;
  readonly member: string;
  readonly redirectUris: string[];
  readonly allowFin: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly revokedAt: Date | null;
}

export function toOidcClient(row: OidcClientRow): OidcClient {
  return {
    clientId: row.client_id,
    name: row.name,
    member: row.member_code,
    redirectUris: row.redirect_uris as string[],
    allowFin: row.allow_fin,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
  };
}

export async function findActiveClientRow(
  db: OidcDb,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  return db
    .selectFrom('identity.oidc_client')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
