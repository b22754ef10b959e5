import type { Kysely, Transaction } from 'kysely';
import type { CertificateProfile, CertificateRecord, RevocationReason } from './pki.schema.ts';

export interface PkiTables {
  'pki.certificate': {
    serial: string;
    issuer_key_id: string;
    profile: CertificateProfile;
    subject: string;
    member: string | null;
    subsystem: string | null;
    subject_fin: string | null;
    thumbprint: string;
    not_before: Date;
    not_after: Date;
    der: Uint8Array;
    issued_at: Date;
    revoked_at: Date | null;
    revocation_reason: RevocationReason | null;
  };
}

type Db = Kysely<PkiTables> | Transaction<PkiTables>;
type CertificateRow = PkiTables['pki.certificate'];

export interface Revocation {
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
  readonly notAfter: Date;
}

function toRecord(row: CertificateRow): CertificateRecord {
  return {
    serial: row.serial,
    profile: row.profile,
    subject: row.subject,
    member: row.member ?? undefined,
    subsystem: row.subsystem ?? undefined,
    subjectFin: row.subject_fin ?? undefined,
    thumbprint: row.thumbprint,
    issuerKeyId: row.issuer_key_id,
    notBefore: row.not_before,
    notAfter: row.not_after,
    // pg returns a Buffer, PGlite a Uint8Array: callers get the same type from both.
    der: new Uint8Array(row.der),
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at ?? undefined,
    revocationReason: row.revocation_reason ?? undefined,
  };
}

type RevocationRow = Pick<
  CertificateRow,
  'serial' | 'revoked_at' | 'revocation_reason' | 'not_after'
>;

function toRevocation(row: RevocationRow): Revocation[] {
  // The table's CHECK keeps the two columns null together; the test narrows the types.
  if (row.revoked_at === null || row.revocation_reason === null) return [];
  return [
    {
      serial: row.serial,
      revokedAt: row.revoked_at,
      reason: row.revocation_reason,
      notAfter: row.not_after,
    },
  ];
}

export async function insertCertificate(db: Db, record: CertificateRecord): Promise<void> {
  await db
    .insertInto('pki.certificate')
    .values({
      serial: record.serial,
      issuer_key_id: record.issuerKeyId,
      profile: record.profile,
      subject: record.subject,
      member: record.member ?? null,
      subsystem: record.subsystem ?? null,
      subject_fin: record.subjectFin ?? null,
      thumbprint: record.thumbprint,
      not_before: record.notBefore,
      not_after: record.notAfter,
      // node-postgres sends a Buffer as bytea; a bare Uint8Array is not recognised by every version.
      der: Buffer.from(record.der),
      issued_at: record.issuedAt,
      revoked_at: null,
      revocation_reason: null,
    })
    .execute();
}

export async function findCertificate(
  db: Db,
  serial: string,
): Promise<CertificateRecord | undefined> {
  const row = await db
    .selectFrom('pki.certificate')
    .selectAll()
    .where('serial', '=', serial)
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

export async function listCertificates(
  db: Db,
  filter: {
    profile?: CertificateProfile | undefined;
    member?: string | undefined;
    subsystem?: string | undefined;
    subjectFin?: string | undefined;
    limit: number;
  },
): Promise<CertificateRecord[]> {
  let query = db.selectFrom('pki.certificate').selectAll();
  if (filter.profile !== undefined) query = query.where('profile', '=', filter.profile);
  if (filter.member !== undefined) query = query.where('member', '=', filter.member);
  if (filter.subsystem !== undefined) query = query.where('subsystem', '=', filter.subsystem);
  if (filter.subjectFin !== undefined) query = query.where('subject_fin', '=', filter.subjectFin);
  const rows = await query.orderBy('issued_at', 'desc').limit(filter.limit).execute();
  return rows.map(toRecord);
}

/**
 * Marks the certificate revoked unless it already is. The `revoked_at IS NULL` condition makes
 * two concurrent revocations of one serial record exactly one of them.
 */
export async function markRevoked(
  db: Db,
  serial: string,
  revokedAt: Date,
  reason: RevocationReason,
): Promise<CertificateRecord | undefined> {
  const row = await db
    .updateTable('pki.certificate')
    .set({ revoked_at: revokedAt, revocation_reason: reason })
    .where('serial', '=', serial)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

/** Revocations of certificates that had not expired at `notAfterFrom` (the in-memory set). */
export async function revocations(db: Db, notAfterFrom: Date): Promise<Revocation[]> {
  const rows = await db
    .selectFrom('pki.certificate')
    .select(['serial', 'revoked_at', 'revocation_reason', 'not_after'])
    .where('revoked_at', 'is not', null)
    .where('not_after', '>=', notAfterFrom)
    .execute();
  return rows.flatMap(toRevocation);
}

/** Revocations of one issuer's unexpired certificates: the entries of its CRL. */
export async function revocationsForCrl(
  db: Db,
  issuerKeyId: string,
  notAfterFrom: Date,
): Promise<Revocation[]> {
  const rows = await db
    .selectFrom('pki.certificate')
    .select(['serial', 'revoked_at', 'revocation_reason', 'not_after'])
    .where('issuer_key_id', '=', issuerKeyId)
    .where('revoked_at', 'is not', null)
    .where('not_after', '>=', notAfterFrom)
    .orderBy('revoked_at')
    .orderBy('serial')
    .execute();
  return rows.flatMap(toRevocation);
}

/** One certificate's revocation, whatever its expiry (validation at a past instant). */
export async function findRevocation(db: Db, serial: string): Promise<Revocation | undefined> {
  const row = await db
    .selectFrom('pki.certificate')
    .select(['serial', 'revoked_at', 'revocation_reason', 'not_after'])
    .where('serial', '=', serial)
    .where('revoked_at', 'is not', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toRevocation(row)[0];
}
