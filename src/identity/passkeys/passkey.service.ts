import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { IdentityService } from '../identity.service.ts';
import type { Session } from '../sessions.ts';
import { PasskeyNotAccepted, PasskeyNotFound } from './passkey.errors.ts';
import { toPasskey, type Passkey, type PasskeyDb } from './passkey.store.ts';

const CHALLENGE_MS = 5 * 60_000;
const RP_NAME = 'EHİS — Elektron hökumət';

/** Where the browser is: the relying party id (a domain) and the page origin WebAuthn binds to. */
export interface RelyingParty {
  readonly id: string;
  readonly origin: string;
}

export interface LoginContext {
  readonly ip: string;
  readonly userAgent: string | undefined;
}

/** The challenge the browser signed, read from clientDataJSON (never trusted beyond the lookup). */
function challengeOf(clientDataJson: unknown): string | undefined {
  if (typeof clientDataJson !== 'string' || clientDataJson.length > 10_000) return undefined;
  try {
    const data = JSON.parse(Buffer.from(clientDataJson, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

function actorOf(session: Session): string {
  return session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`;
}

/**
 * Passkeys (WebAuthn; issue 4 item 2): discoverable credentials with user verification. A login
 * with one opens a session of acr substantial, amr passkey. Challenges are one-time and stored,
 * so any node can finish what another started, and a response can never be replayed.
 */
export class PasskeyService {
  readonly #db: PasskeyDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #identity: IdentityService;

  constructor(deps: {
    readonly db: PasskeyDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly identity: IdentityService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#identity = deps.identity;
  }

  /** A new stored challenge; the bytes go into the options (which send them base64url-encoded). */
  async #newChallenge(
    purpose: 'registration' | 'login',
    accountId: string | null,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const now = this.#clock.now();
    await this.#db.deleteFrom('identity.passkey_challenge').where('expires_at', '<', now).execute();
    const bytes = new Uint8Array(randomBytes(32));
    await this.#db
      .insertInto('identity.passkey_challenge')
      .values({
        challenge: Buffer.from(bytes).toString('base64url'),
        purpose,
        account_id: accountId,
        created_at: now,
        expires_at: new Date(now.getTime() + CHALLENGE_MS),
      })
      .execute();
    return bytes;
  }

  /** Spends a challenge: deleted by the first attempt, whatever its outcome. */
  async #spend(
    challenge: string | undefined,
    purpose: 'registration' | 'login',
    accountId: string | null,
  ): Promise<string> {
    if (challenge === undefined) throw new AppError(PasskeyNotAccepted);
    const row = await this.#db
      .deleteFrom('identity.passkey_challenge')
      .where('challenge', '=', challenge)
      .returningAll()
      .executeTakeFirst();
    if (
      row === undefined ||
      row.purpose !== purpose ||
      row.account_id !== accountId ||
      row.expires_at.getTime() <= this.#clock.now().getTime()
    ) {
      throw new AppError(PasskeyNotAccepted);
    }
    return challenge;
  }

  /** startPasskeyRegistration: options for navigator.credentials.create(). */
  async registrationOptions(
    session: Session,
    rp: RelyingParty,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.#db
      .selectFrom('identity.passkey')
      .select(['credential_id', 'transports'])
      .where('account_id', '=', session.accountId)
      .execute();
    const challenge = await this.#newChallenge('registration', session.accountId);
    return generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: rp.id,
      userName: session.username,
      userDisplayName: session.username,
      userID: new TextEncoder().encode(session.accountId),
      challenge,
      timeout: CHALLENGE_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((row) => ({
        id: row.credential_id,
        transports: row.transports === '' ? [] : row.transports.split(' '),
      })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  }

  /** finishPasskeyRegistration: verifies the new credential and keeps its public key. */
  async finishRegistration(
    session: Session,
    rp: RelyingParty,
    response: RegistrationResponseJSON,
    label: string | undefined,
  ): Promise<Passkey> {
    const challenge = await this.#spend(
      challengeOf(response.response.clientDataJSON),
      'registration',
      session.accountId,
    );
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
      });
    } catch (error) {
      throw new AppError(PasskeyNotAccepted, { cause: error });
    }
    const info = verification.registrationInfo;
    if (!verification.verified || info === undefined) throw new AppError(PasskeyNotAccepted);
    const now = this.#clock.now();
    const row = {
      credential_id: info.credential.id,
      account_id: session.accountId,
      public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: (info.credential.transports ?? []).join(' '),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp,
      label: (label ?? '').trim() || `Passkey ${now.toISOString().slice(0, 10)}`,
      created_at: now,
      last_used_at: null,
    };
    const inserted = await this.#db
      .insertInto('identity.passkey')
      .values(row)
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning('credential_id')
      .executeTakeFirst();
    if (inserted === undefined) throw new AppError(PasskeyNotAccepted);
    await this.#audit.append({
      actor: actorOf(session),
      action: 'identity.passkey-registered',
      resource: `passkey:${row.credential_id.slice(0, 22)}`,
      outcome: 'success',
    });
    return toPasskey(row);
  }

  /** startPasskeyLogin: options for navigator.credentials.get() with a discoverable credential. */
  async loginOptions(rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const challenge = await this.#newChallenge('login', null);
    return generateAuthenticationOptions({
      rpID: rp.id,
      challenge,
      timeout: CHALLENGE_MS,
      userVerification: 'required',
      allowCredentials: [],
    });
  }

  /** finishPasskeyLogin: one answer for every failure; success opens an acr substantial session. */
  async finishLogin(
    rp: RelyingParty,
    response: AuthenticationResponseJSON,
    context: LoginContext,
  ): Promise<{ token: string; session: Session }> {
    const challenge = await this.#spend(
      challengeOf(response.response.clientDataJSON),
      'login',
      null,
    );
    const row = await this.#db
      .selectFrom('identity.passkey as p')
      .innerJoin('identity.account as a', 'a.id', 'p.account_id')
      .selectAll('p')
      .select(['a.status', 'a.fin'])
      .where('p.credential_id', '=', response.id)
      .executeTakeFirst();
    const refuse = async (cause?: unknown): Promise<never> => {
      await this.#audit.append({
        actor: row?.fin ? `citizen:${row.fin}` : 'anonymous',
        action: 'identity.login',
        resource: 'passkey',
        outcome: 'refused',
      });
      throw new AppError(PasskeyNotAccepted, { cause });
    };
    if (row === undefined || row.status !== 'active') return refuse();
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: row.credential_id,
          publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
          counter: Number(row.counter),
          transports: row.transports === '' ? [] : row.transports.split(' '),
        },
        requireUserVerification: true,
      });
    } catch (error) {
      return refuse(error);
    }
    if (!verification.verified) return refuse();
    await this.#db
      .updateTable('identity.passkey')
      .set({
        counter: verification.authenticationInfo.newCounter,
        backed_up: verification.authenticationInfo.credentialBackedUp,
        last_used_at: this.#clock.now(),
      })
      .where('credential_id', '=', row.credential_id)
      .execute();
    return this.#identity.startSession(
      row.account_id,
      { acr: 'substantial', amr: ['passkey'] },
      context,
    );
  }

  async list(accountId: string): Promise<Passkey[]> {
    const rows = await this.#db
      .selectFrom('identity.passkey')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toPasskey);
  }

  async remove(session: Session, id: string): Promise<void> {
    const deleted = await this.#db
      .deleteFrom('identity.passkey')
      .where('account_id', '=', session.accountId)
      .where('credential_id', '=', id)
      .returning('credential_id')
      .executeTakeFirst();
    if (deleted === undefined) throw new AppError(PasskeyNotFound);
    await this.#audit.append({
      actor: actorOf(session),
      action: 'identity.passkey-deleted',
      resource: `passkey:${id.slice(0, 22)}`,
      outcome: 'success',
    });
  }
}
