import type { Kysely } from 'kysely';
import type { RevocationReason } from '../../platform/pki/index.ts';

export type CertificateChannel = 'cli' | 'demo-self-service' | 'demo-operator';
export type HolderProfile = 'person-signature' | 'staff-signature';

export interface CertificateTables {
  'identity.certificate': {
    serial: string;
    fin: string;
    account_id: string | null;
    profile: HolderProfile;
    channel: CertificateChannel;
    fingerprint_sha256: string;
    subject: string;
    not_before: Date;
    not_after: Date;
    issued_at: Date;
    revoked_at: Date | null;
    revocation_reason: RevocationReason | null;
  };
  'identity.certificate_challenge': {
    id: string;
    challenge: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
}

export type CertificateDb = Kysely<CertificateTables>;

/** A certificate handed to a person, as identity records it (no key: IAM-003-13.2). */
export interface HeldCertificate {
  readonly serial: string;
  readonly fin: string;
  readonly accountId: string | undefined;
  readonly profile: HolderProfile;
  readonly channel: CertificateChannel;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly issuedAt: Date;
  readonly revokedAt: Date | undefined;
  readonly revocationReason: RevocationReason | undefined;
}

type Row = CertificateTables['identity.certificate'];

function toHeld(row: Row): HeldCertificate {
  return {
    serial: row.serial,
    fin: row.fin,
    accountId: row.account_id ?? undefined,
    profile: row.profile,
    channel: row.channel,
    fingerprintSha256: row.fingerprint_sha256,
    subject: row.subject,
    notBefore: row.not_before,
    notAfter: row.not_after,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at ?? undefined,
    revocationReason: row.revocation_reason ?? undefined,
  };
}

export async function insertHeldCertificate(
  db: CertificateDb,
  held: HeldCertificate,
): Promise<void> {
  await db
    .insertInto('identity.certificate')
    .values({
      serial: held.serial,
      fin: held.fin,
      account_id: held.accountId ?? null,
      profile: held.profile,
      channel: held.channel,
      fingerprint_sha256: held.fingerprintSha256,
      subject: held.subject,
      not_before: held.notBefore,
      not_after: held.notAfter,
      issued_at: held.issuedAt,
      revoked_at: null,
      revocation_reason: null,
    })
    .execute();
}

export async function listHeldCertificates(
  db: CertificateDb,
  fin: string,
  limit = 100,
): Promise<HeldCertificate[]> {
  const rows = await db
    .selectFrom('identity.certificate')
    .selectAll()
    .where('fin', '=', fin)
    .orderBy('issued_at', 'desc')
    .orderBy('serial')
    .limit(limit)
    .execute();
  return rows.map(toHeld);
}

export async function findHeldCertificate(
  db: CertificateDb,
  serial: string,
): Promise<HeldCertificate | undefined> {
  const row = await db
    .selectFrom('identity.certificate')
    .selectAll()
    .where('serial', '=', serial)
    .executeTakeFirst();
  return row === undefined ? undefined : toHeld(row);
}

export async function countInForce(db: CertificateDb, fin: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('identity.certificate')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fin', '=', fin)
    .where('revoked_at', 'is', null)
    .where('not_after', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markHeldRevoked(
  db: CertificateDb,
  serial: string,
  revokedAt: Date,
  reason: RevocationReason,
): Promise<void> {
  await db
    .updateTable('identity.certificate')
    .set({ revoked_at: revokedAt, revocation_reason: reason })
    .where('serial', '=', serial)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertChallenge(
  db: CertificateDb,
  challenge: { id: string; challenge: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  // Expired challenges are useless: clear them as new ones are made (indexed on expires_at).
  await db
    .deleteFrom('identity.certificate_challenge')
    .where('expires_at', '<', new Date(challenge.createdAt.getTime() - 60 * 60_000))
    .execute();
  await db
    .insertInto('identity.certificate_challenge')
    .values({
      id: challenge.id,
      challenge: challenge.challenge,
      created_at: challenge.createdAt,
      expires_at: challenge.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Spends a challenge: the first caller gets its text, every later one (and any caller after
 * expiry) gets undefined. One statement, so two nodes cannot both spend it.
 */
export async function spendChallenge(
  db: CertificateDb,
  id: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable('identity.certificate_challenge')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('challenge')
    .executeTakeFirst();
  return row?.challenge;
}
