import { createPublicKey, type KeyObject, type webcrypto } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError, type FieldError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import {
  CertificateAlreadyRevoked,
  CertificateNotFound,
  InvalidCertificateRequest,
  UnsupportedPublicKey,
} from './pki.errors.ts';
import {
  BACKDATE_MS,
  caFromConfiguration,
  loadOrCreateCa,
  randomSerialHex,
  type CaMaterial,
  type ConfiguredCa,
} from './pki.keys.ts';
import {
  CERTIFICATE_PROFILES,
  type CertificateInput,
  type CertificateProfile,
  type CertificateRecord,
  type CertificateValidation,
  type Crl,
  type IssueCertificateInput,
  type IssuedCertificate,
  type PublicKeyInput,
  type RevocationReason,
  type SubjectName,
  type ValidCertificate,
  type ValidationFailureReason,
} from './pki.schema.ts';
import * as store from './pki.store.ts';
import type { PkiTables, Revocation } from './pki.store.ts';
import {
  DOCUMENT_SIGNING,
  EC_P256,
  ECDSA_SHA256,
  MEMBER_PART,
  NativeCertificate,
  PROFILE_PURPOSE,
  decodeCertificate,
  describeSubject,
  memberOf,
  memberUrn,
  normalizeSerial,
  profileOfPurposes,
  sha256Base64Url,
  subjectSerialNumber,
  toPem,
  toVerifyKey,
  toX509Name,
  x509,
} from './pki.x509.ts';

type CryptoKey = webcrypto.CryptoKey;

export interface CertificateAuthorityOptions {
  readonly db: Kysely<PkiTables>;
  readonly clock: Clock;
  /** The data folder: the CA is kept in `<dataDir>/keys/ca.*` when none is configured. */
  readonly dataDir: string;
  /** The CA from configuration (production); when absent the data folder's CA is used. */
  readonly configuredCa?: ConfiguredCa | undefined;
  /** Subscribes to revocations made by other app nodes (LISTEN); see `Database.listen`. */
  readonly listen?:
    ((channel: string, onNotify: () => void) => Promise<() => Promise<void>>) | undefined;
  /** Name of a CA generated on first start. */
  readonly caName?: SubjectName | undefined;
  readonly caValidDays?: number | undefined;
  /** How long a CRL is valid (its nextUpdate); 24 hours by default. */
  readonly crlValidityMs?: number | undefined;
  /**
   * The revocation set is reloaded in the background when older than this (30 s by default),
   * a safety net for a missed notification; LISTEN normally delivers revocations at once.
   */
  readonly revocationRefreshMs?: number | undefined;
  /** Certificates whose signature was checked, kept by thumbprint (10,000 by default). */
  readonly cacheSize?: number | undefined;
  /** Told when a background reload fails (the previous set stays in force). */
  readonly onBackgroundError?: ((error: unknown) => void) | undefined;
}

export interface ValidateOptions {
  /** Refuse (`wrong-profile`) a certificate of another profile. */
  readonly profile?: CertificateProfile | undefined;
}

/** One trusted CA certificate: the current one, or a predecessor kept after a rotation. */
interface Authority {
  readonly certificate: x509.X509Certificate;
  readonly native: NativeCertificate;
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

/** What is fixed once the CA's signature over a certificate has been checked. */
interface Verified {
  readonly result: ValidCertificate;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VALID_DAYS = 3650;
const CHANNEL = 'ehis_pki_revocation';
// A CRL is re-signed at most this often unless a revocation happened in between.
const CRL_REUSE_MS = 60 * 1000;

const CRL_REASON: Readonly<Record<RevocationReason, x509.X509CrlReason>> = {
  unspecified: x509.X509CrlReason.unspecified,
  'key-compromise': x509.X509CrlReason.keyCompromise,
  'ca-compromise': x509.X509CrlReason.cACompromise,
  'affiliation-changed': x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  'cessation-of-operation': x509.X509CrlReason.cessationOfOperation,
  'privilege-withdrawn': x509.X509CrlReason.privilegeWithdrawn,
};

const KEY_USAGE: Readonly<Record<CertificateProfile, x509.KeyUsageFlags>> = {
  member: x509.KeyUsageFlags.digitalSignature,
  // nonRepudiation (contentCommitment) marks a signature the holder answers for in law
  // (IAM-002-ECOURT-2: an e-signed document has the force of a paper one).
  'person-signature': x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
  'staff-signature': x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
};

const FIN = /^[0-9A-Z]{7}$/;
const COUNTRY = /^[A-Z]{2}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function fail(reason: ValidationFailureReason): CertificateValidation {
  return { ok: false, reason };
}

function checkRequest(input: IssueCertificateInput): FieldError[] {
  const errors: FieldError[] = [];
  const field = (pointer: string, detail: string): void => {
    errors.push({ pointer, detail });
  };
  if (!CERTIFICATE_PROFILES.includes(input.profile)) field('/profile', 'unknown profile');
  if (
    !Number.isInteger(input.validDays) ||
    input.validDays < 1 ||
    input.validDays > MAX_VALID_DAYS
  ) {
    field('/validDays', `a whole number of days from 1 to ${MAX_VALID_DAYS}`);
  }
  const subject = input.subject;
  const text = (name: keyof SubjectName, required: boolean): void => {
    const value = subject[name];
    if (value === undefined) {
      if (required) field(`/subject/${name}`, 'required');
    } else if (value.trim() === '' || value.length > 64 || CONTROL.test(value)) {
      // 64 is X.520's upper bound for these attributes (ub-common-name, ub-organization-name).
      field(`/subject/${name}`, '1 to 64 characters, no control characters');
    }
  };
  text('commonName', true);
  text('organization', input.profile === 'staff-signature');
  text('organizationalUnit', false);
  text('givenName', false);
  text('surname', false);
  if (subject.country !== undefined && !COUNTRY.test(subject.country)) {
    field('/subject/country', 'two capital letters (ISO 3166)');
  }
  if (input.profile === 'member') {
    if (subject.serialNumber !== undefined) {
      field('/subject/serialNumber', 'a member certificate names no person');
    }
    if (input.member === undefined) {
      field('/member', 'required for a member certificate');
    } else {
      if (!MEMBER_PART.test(input.member.member)) {
        field('/member/member', 'lowercase letters, digits and hyphens');
      }
      if (!MEMBER_PART.test(input.member.subsystem)) {
        field('/member/subsystem', 'lowercase letters, digits and hyphens');
      }
    }
  } else {
    if (subject.serialNumber === undefined || !FIN.test(subject.serialNumber)) {
      field('/subject/serialNumber', 'the holder’s FİN: 7 capital letters and digits');
    }
    if (input.member !== undefined) field('/member', 'only member certificates name a member');
  }
  return errors;
}

function unsupportedKey(cause?: unknown): AppError {
  return new AppError(UnsupportedPublicKey, { cause });
}

/**
 * The subject's key as a WebCrypto public key, refusing anything but ECDSA P-256 and any private
 * key: the CA never takes a holder's signature-creation data (IAM-003-13.2).
 */
async function toP256PublicKey(input: PublicKeyInput): Promise<CryptoKey> {
  if (input instanceof CryptoKey) {
    const algorithm = input.algorithm as webcrypto.EcKeyAlgorithm;
    if (input.type !== 'public' || algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256')
      throw unsupportedKey();
    return input;
  }
  if (typeof input === 'string') {
    // createPublicKey would derive the public half of a private key: refuse before it can.
    if (input.includes('PRIVATE KEY')) throw unsupportedKey();
    try {
      return toVerifyKey(createPublicKey(input));
    } catch (error) {
      throw unsupportedKey(error);
    }
  }
  if (input.d !== undefined || input.kty !== 'EC' || input.crv !== 'P-256') throw unsupportedKey();
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: input.x, y: input.y },
      EC_P256,
      true,
      ['verify'],
    );
  } catch (error) {
    throw unsupportedKey(error);
  }
}

async function authorityOf(certificate: x509.X509Certificate): Promise<Authority> {
  const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  const keyId =
    ski?.keyId ?? Buffer.from(await certificate.publicKey.getKeyIdentifier()).toString('hex');
  const native = new NativeCertificate(Buffer.from(certificate.rawData));
  return { certificate, native, publicKey: native.publicKey, keyId: keyId.toLowerCase() };
}

const PURPOSES: Readonly<Record<CertificateProfile, readonly string[]>> = {
  member: [PROFILE_PURPOSE.member],
  'person-signature': [PROFILE_PURPOSE['person-signature'], DOCUMENT_SIGNING],
  'staff-signature': [PROFILE_PURPOSE['staff-signature'], DOCUMENT_SIGNING],
};

/**
 * The platform's certificate authority (EHIS-003-2.1.7 secure exchange; IAM-003-D5.2,
 * IAM-004-6.1.17, IAM-003-12.2 e-signatures; IAM-004-6.2.6 revocation).
 *
 * It issues ES256 certificates for exchange member subsystems and for citizens' and staff
 * e-signatures, records them, revokes them, publishes a CRL and validates certificates. The
 * exchange gateway validates on every request, so validation touches no database (except to check
 * an old signature of a certificate that has since expired): the CA certificates, the signature
 * check of each certificate seen (by thumbprint) and the revocation set are kept in memory. Revocations reach other app nodes by NOTIFY, with a periodic reload as a safety net.
 */
export class CertificateAuthority {
  readonly #db: Kysely<PkiTables>;
  readonly #clock: Clock;
  readonly #privateKey: CryptoKey;
  readonly #current: Authority;
  readonly #trusted: readonly Authority[];
  readonly #crlValidityMs: number;
  readonly #refreshMs: number;
  readonly #cacheSize: number;
  readonly #onBackgroundError: (error: unknown) => void;
  readonly #verified = new Map<string, Verified>();
  /** Revocations of certificates that had not expired at `#coversFromMs`, by serial. */
  readonly #revoked = new Map<string, Revocation>();
  #coversFromMs = Number.POSITIVE_INFINITY;
  #revocationsLoadedAt = Number.NEGATIVE_INFINITY;
  #revocationVersion = 0;
  #reloading: Promise<void> | undefined;
  #reloadAgain = false;
  #crl: { readonly crl: Crl; readonly version: number; readonly madeAtMs: number } | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  private constructor(
    options: CertificateAuthorityOptions,
    material: CaMaterial,
    current: Authority,
    previous: readonly Authority[],
  ) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#privateKey = material.privateKey;
    this.#current = current;
    this.#trusted = [current, ...previous];
    this.#crlValidityMs = options.crlValidityMs ?? DAY_MS;
    this.#refreshMs = options.revocationRefreshMs ?? 30_000;
    this.#cacheSize = options.cacheSize ?? 10_000;
    this.#onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  /**
   * Loads the CA (from configuration, else from the data folder, creating it there on first
   * start), loads the revocation set and subscribes to revocations made elsewhere.
   */
  static async open(options: CertificateAuthorityOptions): Promise<CertificateAuthority> {
    const material =
      options.configuredCa === undefined
        ? await loadOrCreateCa({
            dataDir: options.dataDir,
            clock: options.clock,
            name: options.caName,
            validDays: options.caValidDays,
          })
        : caFromConfiguration(options.configuredCa, options.clock.now());
    const current = await authorityOf(material.certificate);
    const previous = await Promise.all(material.previous.map(authorityOf));
    const ca = new CertificateAuthority(options, material, current, previous);
    await ca.refreshRevocations();
    if (options.listen !== undefined) {
      ca.#unlisten = await options.listen(CHANNEL, () => ca.#requestReload());
    }
    return ca;
  }

  /** The CA certificate relying parties trust (PEM), e.g. for members' gateways. */
  get certificatePem(): string {
    return toPem(new Uint8Array(this.#current.certificate.rawData));
  }

  get certificateDer(): Uint8Array {
    return new Uint8Array(this.#current.certificate.rawData);
  }

  /** Subject key identifier of the current CA certificate (hex). */
  get keyId(): string {
    return this.#current.keyId;
  }

  async issueCertificate(input: IssueCertificateInput): Promise<IssuedCertificate> {
    const errors = checkRequest(input);
    if (errors.length > 0) throw new AppError(InvalidCertificateRequest, { errors });
    const publicKey = await toP256PublicKey(input.publicKey);
    const now = this.#clock.now();
    const notBefore = new Date(now.getTime() - BACKDATE_MS);
    const notAfter = new Date(now.getTime() + input.validDays * DAY_MS);
    const caNotAfter = this.#current.certificate.notAfter;
    if (notAfter.getTime() > caNotAfter.getTime()) {
      // A certificate outliving its CA would be unverifiable for the rest of its life.
      throw new AppError(InvalidCertificateRequest, {
        errors: [
          {
            pointer: '/validDays',
            detail: `the CA certificate expires on ${caNotAfter.toISOString()}`,
          },
        ],
      });
    }

    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(KEY_USAGE[input.profile], true),
      new x509.ExtendedKeyUsageExtension([...PURPOSES[input.profile]]),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      new x509.AuthorityKeyIdentifierExtension(this.#current.keyId),
    ];
    if (input.member !== undefined) {
      extensions.push(
        new x509.SubjectAlternativeNameExtension([
          { type: 'url', value: memberUrn(input.member.member, input.member.subsystem) },
        ]),
      );
    }
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialHex(),
      subject: toX509Name(input.subject),
      // The CA's own encoded name, so the issuer matches its certificate byte for byte.
      issuer: this.#current.certificate.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey: this.#privateKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions,
    });
    const der = new Uint8Array(certificate.rawData);
    // Read back as validation reads it, so the register and validation show the same subject.
    const native = new NativeCertificate(der);
    const record: CertificateRecord = {
      serial: normalizeSerial(native.serialNumber) ?? certificate.serialNumber,
      profile: input.profile,
      subject: describeSubject(native),
      member: input.member?.member,
      subsystem: input.member?.subsystem,
      subjectFin: input.profile === 'member' ? undefined : input.subject.serialNumber,
      thumbprint: sha256Base64Url(der),
      issuerKeyId: this.#current.keyId,
      // As encoded: X.509 times have whole seconds.
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      der,
      issuedAt: now,
      revokedAt: undefined,
      revocationReason: undefined,
    };
    await store.insertCertificate(this.#db, record);
    return { ...record, pem: toPem(der) };
  }

  async findCertificate(serial: string): Promise<CertificateRecord | undefined> {
    const normalized = normalizeSerial(serial);
    return normalized === undefined ? undefined : store.findCertificate(this.#db, normalized);
  }

  async getCertificate(serial: string): Promise<CertificateRecord> {
    const record = await this.findCertificate(serial);
    if (record === undefined) throw new AppError(CertificateNotFound, { params: { serial } });
    return record;
  }

  async listCertificates(
    filter: {
      profile?: CertificateProfile;
      member?: string;
      subsystem?: string;
      subjectFin?: string;
      limit?: number;
    } = {},
  ): Promise<CertificateRecord[]> {
    return store.listCertificates(this.#db, {
      ...filter,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
    });
  }

  /**
   * Revokes a certificate for good (IAM-004-6.2.6). Takes effect on this node before it returns
   * and on the others when the NOTIFY sent with the change arrives.
   */
  async revoke(serial: string, reason: RevocationReason): Promise<CertificateRecord> {
    const normalized = normalizeSerial(serial);
    if (normalized === undefined) {
      throw new AppError(CertificateNotFound, { params: { serial } });
    }
    const revokedAt = this.#clock.now();
    const record = await this.#db.transaction().execute(async (trx) => {
      const updated = await store.markRevoked(trx, normalized, revokedAt, reason);
      // Delivered at commit, so other nodes never reload before the change is visible.
      if (updated !== undefined) await sql`SELECT pg_notify(${CHANNEL}, '')`.execute(trx);
      return updated;
    });
    if (record === undefined) {
      const existing = await store.findCertificate(this.#db, normalized);
      throw new AppError(existing === undefined ? CertificateNotFound : CertificateAlreadyRevoked, {
        params: { serial: normalized },
      });
    }
    this.#remember({ serial: normalized, revokedAt, reason, notAfter: record.notAfter });
    return record;
  }

  /**
   * The current CRL (RFC 5280 §5), signed by the CA, listing its revoked certificates that have
   * not expired. Re-signed after every revocation, and otherwise reused for a minute.
   */
  async getCrl(): Promise<Crl> {
    const now = this.#clock.now();
    const cached = this.#crl;
    if (
      cached !== undefined &&
      cached.version === this.#revocationVersion &&
      now.getTime() >= cached.madeAtMs &&
      now.getTime() - cached.madeAtMs < CRL_REUSE_MS
    ) {
      return cached.crl;
    }
    const version = this.#revocationVersion;
    const entries = await store.revocationsForCrl(this.#db, this.#current.keyId, now);
    const nextUpdate = new Date(now.getTime() + this.#crlValidityMs);
    const signed = await x509.X509CrlGenerator.create({
      issuer: this.#current.certificate.subjectName,
      thisUpdate: now,
      nextUpdate,
      signingAlgorithm: ECDSA_SHA256,
      signingKey: this.#privateKey,
      extensions: [new x509.AuthorityKeyIdentifierExtension(this.#current.keyId)],
      entries: entries.map((entry) => ({
        serialNumber: entry.serial,
        revocationDate: entry.revokedAt,
        reason: CRL_REASON[entry.reason],
      })),
    });
    const der = new Uint8Array(signed.rawData);
    const crl: Crl = {
      der,
      pem: toPem(der, 'X509 CRL'),
      thisUpdate: signed.thisUpdate,
      nextUpdate: signed.nextUpdate ?? nextUpdate,
      serials: entries.map((entry) => entry.serial),
    };
    this.#crl = { crl, version, madeAtMs: now.getTime() };
    return crl;
  }

  /**
   * Validates a certificate at an instant: issued by this CA (or a predecessor still trusted),
   * signature intact, within its validity, not revoked. The exchange gateway calls it on every
   * request; after the first sight of a certificate it costs a SHA-256 and two map look-ups.
   *
   * A revocation counts from its time, so a signature made before it still validates at that
   * earlier instant — except after a key or CA compromise, when nothing signed with the key can
   * be trusted whatever its date.
   */
  async validateChain(
    cert: CertificateInput,
    at: Date = this.#clock.now(),
    options: ValidateOptions = {},
  ): Promise<CertificateValidation> {
    this.#reloadIfStale();
    const der = decodeCertificate(cert);
    if (der === undefined) return fail('malformed');
    const thumbprint = sha256Base64Url(der);
    let verified = this.#verified.get(thumbprint);
    if (verified === undefined) {
      const checked = this.#verify(der, thumbprint);
      if (!('result' in checked)) return checked;
      verified = checked;
      if (this.#verified.size >= this.#cacheSize) {
        // Oldest first (Map keeps insertion order): cheap, and enough for a working set.
        const oldest = this.#verified.keys().next();
        if (oldest.done !== true) this.#verified.delete(oldest.value);
      }
      this.#verified.set(thumbprint, verified);
    }
    const { result } = verified;
    if (options.profile !== undefined && result.profile !== options.profile) {
      return fail('wrong-profile');
    }
    const atMs = at.getTime();
    if (atMs < verified.notBeforeMs) return fail('not-yet-valid');
    if (atMs > verified.notAfterMs) return fail('expired');
    const revocation =
      verified.notAfterMs < this.#coversFromMs
        ? // Expired before the set was loaded, yet valid at `at`: a check of an old signature.
          await store.findRevocation(this.#db, result.serial)
        : this.#revoked.get(result.serial);
    if (
      revocation !== undefined &&
      (revocation.reason === 'key-compromise' ||
        revocation.reason === 'ca-compromise' ||
        revocation.revokedAt.getTime() <= atMs)
    ) {
      return fail('revoked');
    }
    return result;
  }

  /** Reloads the revocation set from the database now. */
  async refreshRevocations(): Promise<void> {
    const now = this.#clock.now();
    const loaded = await store.revocations(this.#db, now);
    // A revocation is final (the table's trigger refuses to lift one), so entries are only ever
    // added: a reload that raced with a local revoke cannot drop it. Expired ones are pruned.
    for (const revocation of loaded) this.#revoked.set(revocation.serial, revocation);
    for (const [serial, revocation] of this.#revoked) {
      if (revocation.notAfter.getTime() < now.getTime()) this.#revoked.delete(serial);
    }
    this.#coversFromMs = now.getTime();
    this.#revocationsLoadedAt = performance.now();
    this.#revocationVersion += 1;
  }

  /** Stops listening for revocations and waits for a reload in progress. */
  async close(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = undefined;
    while (this.#reloading !== undefined) await this.#reloading;
  }

  #remember(revocation: Revocation): void {
    this.#revoked.set(revocation.serial, revocation);
    this.#revocationVersion += 1;
  }

  #reloadIfStale(): void {
    if (performance.now() - this.#revocationsLoadedAt > this.#refreshMs) this.#requestReload();
  }

  /** Starts a background reload, or asks the running one to go again (it may have read too early). */
  #requestReload(): void {
    if (this.#reloading !== undefined) {
      this.#reloadAgain = true;
      return;
    }
    this.#reloading = (async () => {
      try {
        do {
          this.#reloadAgain = false;
          await this.refreshRevocations();
        } while (this.#reloadAgain);
      } catch (error) {
        this.#onBackgroundError(error);
      } finally {
        this.#reloading = undefined;
      }
    })();
  }

  /** Parses the certificate and checks the CA's signature: the part that never changes. */
  #verify(
    der: Uint8Array,
    thumbprint: string,
  ): Verified | { ok: false; reason: ValidationFailureReason } {
    let certificate: NativeCertificate;
    try {
      certificate = new NativeCertificate(der);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    try {
      // Name and key identifiers must match (OpenSSL's X509_check_issued), then the signature.
      const issuer = this.#trusted.find((authority) => certificate.checkIssued(authority.native));
      if (issuer === undefined) return { ok: false, reason: 'unknown-issuer' };
      if (!certificate.verify(issuer.publicKey)) return { ok: false, reason: 'bad-signature' };
    } catch {
      // A signature that does not even decode is still a bad signature of a parseable certificate.
      return { ok: false, reason: 'bad-signature' };
    }

    // From here on the CA vouches for every byte; what is left is reading our own profile.
    try {
      const profile = profileOfPurposes(certificate.keyUsage ?? []);
      if (profile === undefined || certificate.ca) return { ok: false, reason: 'wrong-profile' };
      const member = memberOf(certificate);
      if (profile === 'member' && member === undefined) return { ok: false, reason: 'malformed' };
      const serial = normalizeSerial(certificate.serialNumber);
      if (serial === undefined) return { ok: false, reason: 'malformed' };
      const notBefore = certificate.validFromDate;
      const notAfter = certificate.validToDate;
      // Frozen: one result object is handed to every caller that presents this certificate.
      const result: ValidCertificate = Object.freeze({
        ok: true,
        subject: describeSubject(certificate),
        serial,
        profile,
        thumbprint,
        notBefore,
        notAfter,
        member: member?.member,
        subsystem: member?.subsystem,
        fin: profile === 'member' ? undefined : subjectSerialNumber(certificate),
        publicKey: toVerifyKey(certificate.publicKey),
      });
      return { result, notBeforeMs: notBefore.getTime(), notAfterMs: notAfter.getTime() };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  }
}
