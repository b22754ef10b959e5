import {
  KeyObject,
  X509Certificate,
  createHash,
  randomBytes,
  randomInt,
  verify as verifySignature,
  type webcrypto,
} from 'node:crypto';
import forge from 'node-forge';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError, type ErrorDefinition } from '../../platform/errors/app-error.ts';
import {
  CertificateAlreadyRevoked,
  type CertificateAuthority,
  type RevocationReason,
  type ValidCertificate,
} from '../../platform/pki/index.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { IdentityService } from '../identity.service.ts';
import { findAccountById } from '../identity.store.ts';
import type { IdentityDb } from '../identity.store.ts';
import type { PersonDirectory, PersonSummary } from '../people.ts';
import type { Session } from '../sessions.ts';
import {
  CertificateAlreadyRevokedForHolder,
  CertificateChallengeInvalid,
  CertificateExpired,
  CertificateNotForLogin,
  CertificateNotFoundForHolder,
  CertificateRevoked,
  CertificateSignatureInvalid,
  CertificateUntrusted,
  TooManyCertificates,
} from './certificates.errors.ts';
import {
  countInForce,
  findHeldCertificate,
  insertChallenge,
  insertHeldCertificate,
  listHeldCertificates,
  markHeldRevoked,
  spendChallenge,
  type CertificateChannel,
  type CertificateDb,
  type HeldCertificate,
  type HolderProfile,
} from './certificates.store.ts';
import { buildPkcs12, checkPkcs12Password } from './pkcs12.ts';

/** A login challenge lives 2 minutes and is spent by the first attempt (IAM-002-LOGIN-5). */
export const CHALLENGE_TTL_MS = 2 * 60_000;
/** What the holder signs: this prefix and 32 random bytes, so a login signature is never a
 * signature over a document or another service's challenge. */
export const CHALLENGE_PREFIX = 'ehis-certificate-login:';
export const DEFAULT_VALID_DAYS = 365;
/** Certificates a person may hold in force at once (self-service in demo mode). */
export const MAX_IN_FORCE = 5;

type CryptoKey = webcrypto.CryptoKey;

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const KEY_USAGE_OID = '2.5.29.15';

// forge's fromDer takes an options object; its type declarations only know the `strict` flag.
const fromDer = forge.asn1.fromDer as unknown as (
  input: string,
  options: { decodeBitStrings: boolean },
) => forge.asn1.Asn1;
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export type CertificateStatus = 'valid' | 'expired' | 'revoked';

export interface IssueInput {
  readonly fin: string;
  readonly channel: CertificateChannel;
  /** Who asked: `citizen:<FİN>`, `operator:cli:<user>`, `system:demo`. */
  readonly actor: string;
  readonly accountId?: string | undefined;
  /** Defaults to a random 20-character password (≈ 99 bits), shown to the holder once. */
  readonly password?: string | undefined;
  readonly validDays?: number | undefined;
  /** staff-signature needs the agency in `organization`. */
  readonly profile?: HolderProfile | undefined;
  readonly organization?: string | undefined;
}

export interface IssuedPkcs12 {
  readonly certificate: HeldCertificate;
  /** The PKCS#12 file: the key (encrypted), the certificate and the platform CA certificate. */
  readonly p12: Uint8Array;
  readonly password: string;
  readonly fileName: string;
}

export interface LoginChallenge {
  readonly challengeId: string;
  readonly challenge: string;
  readonly expiresAt: Date;
}

export interface CertificateLoginInput {
  readonly challengeId: string;
  /** PEM or base64 DER. */
  readonly certificate: string;
  /** ECDSA P-256 / SHA-256 over the UTF-8 challenge: raw r‖s (64 bytes, WebCrypto) or DER, base64. */
  readonly signature: string;
}

/** Random password of 4 groups of 5 unambiguous lower-case letters and digits. */
export function generatePkcs12Password(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** PEM or base64 (standard or url-safe) DER → DER; undefined if it is neither. */
export function certificateBytes(text: string): Uint8Array | undefined {
  const body = text.includes('-----BEGIN')
    ? text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    : text;
  const compact = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  const der = Buffer.from(compact, 'base64');
  return der.length < 64 ? undefined : new Uint8Array(der);
}

/**
 * The key usage bits of a certificate (RFC 5280 §4.2.1.3), e.g. `digitalSignature`. Read with
 * forge's DER parser: the CA's validation checks the profile, this checks the bit the login
 * relies on.
 */
export function keyUsageOf(der: Uint8Array): Set<string> {
  const names = [
    'digitalSignature',
    'nonRepudiation',
    'keyEncipherment',
    'dataEncipherment',
    'keyAgreement',
    'keyCertSign',
    'cRLSign',
  ];
  const found = new Set<string>();
  try {
    const cert = fromDer(forge.util.binary.raw.encode(der), { decodeBitStrings: false });
    const tbs = (cert.value as forge.asn1.Asn1[])[0];
    const fields = (tbs?.value ?? []) as forge.asn1.Asn1[];
    const wrapper = fields.find(
      // [3] EXPLICIT Extensions
      (f) => f.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && (f.type as number) === 3,
    );
    const extensions = ((wrapper?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value ??
      []) as forge.asn1.Asn1[];
    for (const extension of extensions) {
      const parts = extension.value as forge.asn1.Asn1[];
      const id = parts[0];
      if (id === undefined || forge.asn1.derToOid(id.value as string) !== KEY_USAGE_OID) continue;
      const octets = parts[parts.length - 1]?.value as string;
      const bitString = fromDer(octets, { decodeBitStrings: false }).value as string;
      const bits = bitString.slice(1);
      names.forEach((name, index) => {
        const byte = bits.charCodeAt(index >> 3);
        if (!Number.isNaN(byte) && (byte & (0x80 >> (index & 7))) !== 0) found.add(name);
      });
    }
  } catch {
    // Not decodable here: no usage is claimed, so the caller refuses.
  }
  return found;
}

/** Verifies an ES256 signature given raw (r‖s, WebCrypto) or DER (OpenSSL). */
export async function signatureHolds(
  publicKey: CryptoKey,
  signatureText: string,
  message: Uint8Array,
): Promise<boolean> {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(signatureText)) return false;
  const signature = Buffer.from(signatureText, 'base64');
  try {
    if (signature.length === 64) {
      return await crypto.subtle.verify(ES256, publicKey, signature, message);
    }
    const der = signature[0] === 0x30 ? signature : undefined;
    if (der === undefined) return false;
    return verifySignature(
      'sha256',
      message,
      { key: KeyObject.from(publicKey), dsaEncoding: 'der' },
      der,
    );
  } catch {
    return false;
  }
}

/**
 * E-signature certificates for persons and certificate login (IAM-002-LOGIN-5, IAM-003-12.1.1).
 * Keys are generated here only to be packed into the holder's PKCS#12 file and dropped
 * (IAM-003-13.2); nothing but the certificate is kept.
 */
export class CertificateService {
  readonly #db: CertificateDb;
  readonly #identityDb: IdentityDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #ca: CertificateAuthority;
  readonly #identity: IdentityService;
  readonly #people: PersonDirectory | undefined;
  /** Whether citizens may issue themselves certificates on the portal (demo mode). */
  readonly selfService: boolean;

  constructor(options: {
    readonly db: CertificateDb;
    readonly identityDb: IdentityDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly ca: CertificateAuthority;
    readonly identity: IdentityService;
    readonly people: PersonDirectory | undefined;
    readonly selfService: boolean;
  }) {
    this.#db = options.db;
    this.#identityDb = options.identityDb;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#ca = options.ca;
    this.#identity = options.identity;
    this.#people = options.people;
    this.selfService = options.selfService;
  }

  /** The living person with this FİN, from the population register through the exchange. */
  async #person(fin: string, actor: string): Promise<PersonSummary | undefined> {
    if (this.#people === undefined) throw new Error('no person directory: agencies not attached');
    const person = await this.#people.person(fin, actor);
    return person === undefined || person.deathDate !== null ? undefined : person;
  }

  /**
   * Issues a signature certificate for a person in the population register and packs it with
   * a fresh key into a PKCS#12 file. Returns undefined when the FİN names no living person.
   */
  async issue(input: IssueInput): Promise<IssuedPkcs12 | undefined> {
    const password = input.password ?? generatePkcs12Password();
    checkPkcs12Password(password);
    const person = await this.#person(input.fin, input.actor);
    if (person === undefined) {
      await this.#audit.append({
        actor: input.actor,
        action: 'identity.certificate-issue',
        subjectFin: input.fin,
        outcome: 'refused',
        purpose: 'unknown-person',
      });
      return undefined;
    }
    if (input.channel === 'demo-self-service') {
      const inForce = await countInForce(this.#db, input.fin, this.#clock.now());
      if (inForce >= MAX_IN_FORCE) {
        throw new AppError(TooManyCertificates, { params: { limit: MAX_IN_FORCE } });
      }
    }
    const profile = input.profile ?? 'person-signature';
    const keys = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
    const name = `${person.firstName} ${person.lastName}`.slice(0, 64);
    const issued = await this.#ca.issueCertificate({
      profile,
      subject: {
        commonName: name,
        givenName: person.firstName.slice(0, 64),
        surname: person.lastName.slice(0, 64),
        serialNumber: input.fin,
        country: 'AZ',
        ...(input.organization === undefined ? {} : { organization: input.organization }),
      },
      publicKey: keys.publicKey,
      validDays: input.validDays ?? DEFAULT_VALID_DAYS,
    });
    const p12 = buildPkcs12({
      privateKeyPkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
      certificateDer: issued.der,
      chainDer: [this.#ca.certificateDer],
      password,
      friendlyName: `EHIS ${input.fin} ${issued.serial.slice(0, 8)}`,
    });
    const held: HeldCertificate = {
      serial: issued.serial,
      fin: input.fin,
      accountId: input.accountId,
      profile,
      channel: input.channel,
      fingerprintSha256: createHash('sha256').update(issued.der).digest('hex'),
      subject: issued.subject,
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
      issuedAt: issued.issuedAt,
      revokedAt: undefined,
      revocationReason: undefined,
    };
    await insertHeldCertificate(this.#db, held);
    await this.#audit.append({
      actor: input.actor,
      action: 'identity.certificate-issue',
      subjectFin: input.fin,
      resource: `certificate:${issued.serial}`,
      outcome: 'success',
      purpose: input.channel,
    });
    return {
      certificate: held,
      p12,
      password,
      fileName: `ehis-${input.fin}-${issued.serial.slice(0, 8)}.p12`,
    };
  }

  /** The person's certificates, newest first, with their status now (the CA decides revocation). */
  async list(fin: string): Promise<(HeldCertificate & { status: CertificateStatus })[]> {
    const held = await listHeldCertificates(this.#db, fin);
    const atCa = new Map(
      (await this.#ca.listCertificates({ subjectFin: fin, limit: 1000 })).map((c) => [c.serial, c]),
    );
    const now = this.#clock.now().getTime();
    return held.map((h) => {
      const ca = atCa.get(h.serial);
      const revokedAt = h.revokedAt ?? ca?.revokedAt;
      const revocationReason = h.revocationReason ?? ca?.revocationReason;
      const status: CertificateStatus =
        revokedAt !== undefined
          ? 'revoked'
          : now > h.notAfter.getTime() || now < h.notBefore.getTime()
            ? 'expired'
            : 'valid';
      return { ...h, revokedAt, revocationReason, status };
    });
  }

  async find(serial: string): Promise<HeldCertificate | undefined> {
    return findHeldCertificate(this.#db, serial.toLowerCase());
  }

  /** Revokes one of the holder's certificates at the CA (it leaves the CRL's next issue). */
  async revoke(
    fin: string,
    serial: string,
    reason: RevocationReason,
    actor: string,
  ): Promise<HeldCertificate & { status: CertificateStatus }> {
    const held = await this.find(serial);
    if (held === undefined || held.fin !== fin) {
      await this.#audit.append({
        actor,
        action: 'identity.certificate-revoke',
        subjectFin: fin,
        resource: `certificate:${serial.slice(0, 64)}`,
        outcome: 'refused',
        purpose: 'not-found',
      });
      throw new AppError(CertificateNotFoundForHolder);
    }
    if (held.revokedAt !== undefined) throw new AppError(CertificateAlreadyRevokedForHolder);
    let revokedAt = this.#clock.now();
    try {
      const record = await this.#ca.revoke(held.serial, reason);
      revokedAt = record.revokedAt ?? revokedAt;
    } catch (error) {
      if (!(error instanceof AppError) || error.definition !== CertificateAlreadyRevoked)
        throw error;
      // Revoked at the CA by an operator already: record that, and tell the holder.
      const record = await this.#ca.getCertificate(held.serial);
      await markHeldRevoked(
        this.#db,
        held.serial,
        record.revokedAt ?? revokedAt,
        record.revocationReason ?? 'unspecified',
      );
      throw new AppError(CertificateAlreadyRevokedForHolder, { cause: error });
    }
    await markHeldRevoked(this.#db, held.serial, revokedAt, reason);
    await this.#audit.append({
      actor,
      action: 'identity.certificate-revoke',
      subjectFin: fin,
      resource: `certificate:${held.serial}`,
      outcome: 'success',
      purpose: reason,
    });
    return { ...held, revokedAt, revocationReason: reason, status: 'revoked' };
  }

  /** startCertificateLogin: a random one-time challenge valid for 2 minutes. */
  async startLogin(): Promise<LoginChallenge> {
    const now = this.#clock.now();
    const challenge = {
      id: randomBytes(18).toString('base64url'),
      challenge: `${CHALLENGE_PREFIX}${randomBytes(32).toString('base64url')}`,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    };
    await insertChallenge(this.#db, challenge);
    return {
      challengeId: challenge.id,
      challenge: challenge.challenge,
      expiresAt: challenge.expiresAt,
    };
  }

  async #refuse(
    actor: string,
    reason: string,
    definition: ErrorDefinition,
    subjectFin?: string,
  ): Promise<never> {
    await this.#audit.append({
      actor,
      action: 'identity.login',
      resource: 'x509',
      outcome: 'refused',
      purpose: reason,
      ...(subjectFin === undefined ? {} : { subjectFin }),
    });
    throw new AppError(definition);
  }

  /**
   * completeCertificateLogin: the challenge is spent first (one attempt per challenge), then the
   * certificate is validated by the platform CA at the clock's now (chain, validity, revocation),
   * its key usage and FİN checked, the signature over the exact challenge verified and the person
   * looked up in the population register. Every refusal is audited; none opens a session.
   */
  async completeLogin(
    input: CertificateLoginInput,
    context: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; session: Session }> {
    const now = this.#clock.now();
    const challenge = await spendChallenge(this.#db, input.challengeId, now);
    if (challenge === undefined) {
      return this.#refuse('anonymous', 'challenge', CertificateChallengeInvalid);
    }
    const der = certificateBytes(input.certificate);
    if (der === undefined) return this.#refuse('anonymous', 'malformed', CertificateUntrusted);
    const validation = await this.#ca.validateChain(der, now);
    if (!validation.ok) {
      switch (validation.reason) {
        case 'expired':
        case 'not-yet-valid':
        case 'revoked': {
          // Ours, so the holder is known: the refusal shows in their record.
          const record = await this.#ca.findCertificate(new X509Certificate(der).serialNumber);
          const actor =
            record?.subjectFin === undefined ? 'anonymous' : `citizen:${record.subjectFin}`;
          return validation.reason === 'revoked'
            ? this.#refuse(actor, 'revoked', CertificateRevoked, record?.subjectFin)
            : this.#refuse(actor, validation.reason, CertificateExpired, record?.subjectFin);
        }
        case 'wrong-profile':
          return this.#refuse('anonymous', 'wrong-profile', CertificateNotForLogin);
        case 'unknown-issuer':
        case 'bad-signature':
        case 'malformed':
          return this.#refuse('anonymous', validation.reason, CertificateUntrusted);
      }
    }
    return this.#loginWith(validation, der, challenge, input.signature, context);
  }

  async #loginWith(
    certificate: ValidCertificate,
    der: Uint8Array,
    challenge: string,
    signature: string,
    context: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; session: Session }> {
    const fin = certificate.fin;
    const actor = fin === undefined ? 'anonymous' : `citizen:${fin}`;
    if (
      fin === undefined ||
      (certificate.profile !== 'person-signature' && certificate.profile !== 'staff-signature')
    ) {
      return this.#refuse(actor, 'wrong-profile', CertificateNotForLogin);
    }
    if (!keyUsageOf(der).has('digitalSignature')) {
      return this.#refuse(actor, 'key-usage', CertificateNotForLogin, fin);
    }
    const message = new TextEncoder().encode(challenge);
    if (!(await signatureHolds(certificate.publicKey, signature, message))) {
      return this.#refuse(actor, 'signature', CertificateSignatureInvalid, fin);
    }
    if ((await this.#person(fin, actor)) === undefined) {
      return this.#refuse(actor, 'unknown-person', CertificateNotForLogin, fin);
    }
    const accountId = await this.#identity.ensureAccountForFin(fin);
    const account = await findAccountById(this.#identityDb, accountId);
    if (account?.status !== 'active') {
      return this.#refuse(actor, 'account-suspended', CertificateNotForLogin, fin);
    }
    return this.#identity.startSession(accountId, { acr: 'high', amr: ['x509'] }, context);
  }
}
