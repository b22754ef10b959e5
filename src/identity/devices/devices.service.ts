import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { IdentityService } from '../identity.service.ts';
import type { Session } from '../sessions.ts';
import {
  decisionMessage,
  importDeviceKey,
  jwkThumbprint,
  proofMessage,
  sha256,
  verifyDeviceSignature,
} from './device-crypto.ts';
import {
  DeviceActivationRefused,
  DeviceKeyInvalid,
  DeviceLimit,
  DeviceNotFound,
  DeviceRequestNotFound,
  DeviceSignatureInvalid,
  DeviceUnrecognised,
  LoginChallengeDenied,
  LoginChallengeExpired,
  LoginChallengeNotFound,
  LoginChallengePending,
  LoginChallengeUsed,
} from './devices.errors.ts';
import {
  advanceProofTime,
  completeChallenge,
  countActiveDevices,
  countPendingForDevice,
  decideChallenge,
  findActiveDevice,
  findActiveDeviceByPhone,
  findChallenge,
  findDeviceByThumbprint,
  insertChallenge,
  insertDevice,
  listActiveDevices,
  pendingForDevice,
  revokeOwnDevice,
  touchDevice,
  type Challenge,
  type ChallengeKind,
  type Device,
  type DeviceAssurance,
  type DeviceDb,
  type DevicePublicKey,
  type DeviceWithOwner,
} from './devices.store.ts';

/** A login challenge lives 2 minutes (issue 4: "expiry 2 minutes"). */
export const CHALLENGE_TTL_MS = 2 * 60_000;
/** After approval the waiting browser has this long to collect its session. */
export const COLLECT_WITHIN_MS = 60_000;
/** A device proof's time may differ from the server's by this much (phone clocks drift). */
export const PROOF_SKEW_MS = 2 * 60_000;
export const MAX_DEVICES = 5;
/** More pending requests than this for one device are not shown on it (no push flooding). */
const MAX_PENDING_PER_DEVICE = 3;

export type ChallengeState = 'pending' | 'approved' | 'denied' | 'completed' | 'expired';

export interface RegisterDeviceInput {
  readonly label: string;
  readonly phone: string;
  readonly publicKey: DevicePublicKey;
  readonly demoActivation?: boolean | undefined;
}

export interface StartedLogin {
  readonly challengeId: string;
  readonly verificationCode: string;
  readonly expiresAt: Date;
  /** For the cookie of the browser that started the login: only it may collect the session. */
  readonly bindingToken: string;
}

export interface RequestContext {
  readonly ip: string;
  readonly userAgent: string | undefined;
}

function actorOf(session: Session): string {
  return session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`;
}

function deviceActor(device: DeviceWithOwner): string {
  return device.ownerFin === null ? `account:${device.accountId}` : `citizen:${device.ownerFin}`;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isUniqueViolation(error: unknown, name: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint ?? e.message ?? '').includes(name);
}

/** Four digits the user compares on the computer and the phone. */
function verificationCode(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}

/**
 * Mobile signature and smartphone QR login (IAM-002-LOGIN-6, IAM-002-LOGIN-7). A device is a
 * P-256 key made in the phone's browser (WebCrypto, non-extractable); the server keeps its public
 * key. A login is a one-time challenge: the browser that started it holds a binding token, the
 * device approves by signing the challenge's nonce, and only then does the binding browser get a
 * session at the device's assurance level.
 */
export class DeviceService {
  readonly #db: DeviceDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #identity: IdentityService;
  readonly #demo: boolean;

  constructor(options: {
    readonly db: DeviceDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly identity: IdentityService;
    readonly demo: boolean;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#identity = options.identity;
    this.#demo = options.demo;
  }

  /**
   * registerDevice. The assurance the device will give (decision IAM-002-LOGIN-6): high when the
   * user is logged in at acr high (an e-signature certificate proved who registers), or in demo
   * mode when the page asks for demo activation; otherwise substantial, as a passkey.
   */
  async register(session: Session, input: RegisterDeviceInput): Promise<Device> {
    const actor = actorOf(session);
    const refuse = async (reason: string): Promise<void> => {
      await this.#audit.append({
        actor,
        action: 'identity.device-register',
        ...(session.fin === null ? {} : { subjectFin: session.fin }),
        outcome: 'refused',
        purpose: reason,
      });
    };
    if (input.demoActivation === true && !this.#demo) {
      await refuse('demo-activation-outside-demo');
      throw new AppError(DeviceActivationRefused);
    }
    if (importDeviceKey(input.publicKey) === undefined) {
      await refuse('bad-key');
      throw new AppError(DeviceKeyInvalid);
    }
    const thumbprint = jwkThumbprint(input.publicKey);
    if ((await findDeviceByThumbprint(this.#db, thumbprint)) !== undefined) {
      await refuse('key-registered');
      throw new AppError(DeviceKeyInvalid);
    }
    if ((await countActiveDevices(this.#db, session.accountId)) >= MAX_DEVICES) {
      await refuse('device-limit');
      throw new AppError(DeviceLimit, { params: { max: MAX_DEVICES } });
    }
    const high = session.acr === 'high' || input.demoActivation === true;
    const assurance: DeviceAssurance = high ? 'high' : 'substantial';
    const activatedBy =
      session.acr !== 'high' && input.demoActivation === true ? 'demo' : (session.amr[0] ?? 'pwd');
    const id = randomUUID();
    const now = this.#clock.now();
    const publicKey: DevicePublicKey = {
      kty: 'EC',
      crv: 'P-256',
      x: input.publicKey.x,
      y: input.publicKey.y,
    };
    for (let attempt = 0; ; attempt += 1) {
      const mobileUserId = String(randomInt(0, 1_000_000)).padStart(6, '0');
      try {
        await insertDevice(this.#db, {
          id,
          accountId: session.accountId,
          mobileUserId,
          phone: input.phone,
          label: input.label.trim(),
          publicKey,
          keyThumbprint: thumbprint,
          assurance,
          activatedBy,
          createdAt: now,
        });
        break;
      } catch (error) {
        if (isUniqueViolation(error, 'key_thumbprint')) throw new AppError(DeviceKeyInvalid);
        if (attempt < 10 && isUniqueViolation(error, 'mobile_user_id')) continue;
        throw error;
      }
    }
    await this.#audit.append({
      actor,
      action: 'identity.device-register',
      ...(session.fin === null ? {} : { subjectFin: session.fin }),
      resource: `device:${id}:${assurance}:${activatedBy}`,
      outcome: 'success',
    });
    const device = (await listActiveDevices(this.#db, session.accountId)).find((d) => d.id === id);
    if (device === undefined) throw new Error(`device ${id} vanished after insert`);
    return device;
  }

  /** What registerDevice would give from this session: the device page says it before asking. */
  activationFor(session: Session): { assurance: DeviceAssurance; demoActivation: boolean } {
    return {
      assurance: session.acr === 'high' ? 'high' : 'substantial',
      demoActivation: this.#demo,
    };
  }

  listMine(session: Session): Promise<Device[]> {
    return listActiveDevices(this.#db, session.accountId);
  }

  async revoke(session: Session, deviceId: string): Promise<void> {
    const done = await revokeOwnDevice(this.#db, session.accountId, deviceId, this.#clock.now());
    await this.#audit.append({
      actor: actorOf(session),
      action: 'identity.device-revoke',
      ...(session.fin === null ? {} : { subjectFin: session.fin }),
      resource: `device:${deviceId}`,
      outcome: done ? 'success' : 'refused',
    });
    if (!done) throw new AppError(DeviceNotFound);
  }

  /**
   * startMobileLogin: the same answer whether or not the phone number and mobile user id name a
   * device, so the answer reveals no registration; without a device the challenge simply never
   * gets approved.
   */
  async startMobileLogin(
    input: { phone: string; mobileUserId: string },
    context: RequestContext,
  ): Promise<StartedLogin> {
    const now = this.#clock.now();
    const found = await findActiveDeviceByPhone(this.#db, input.phone, input.mobileUserId);
    const device =
      found !== undefined &&
      (await countPendingForDevice(this.#db, found.id, now)) < MAX_PENDING_PER_DEVICE
        ? found
        : undefined;
    const started = await this.#start('mobile', device?.id ?? null, null, context);
    await this.#audit.append({
      actor: `ip:${context.ip}`,
      action: 'identity.device-login-start',
      ...(found?.ownerFin === null || found === undefined ? {} : { subjectFin: found.ownerFin }),
      resource: `challenge:${started.challengeId}:mobile`,
      outcome: 'success',
      ...(device === undefined ? { purpose: found === undefined ? 'no-device' : 'flood' } : {}),
    });
    return started;
  }

  /** startQrLogin: `secret` goes into the QR code only (the URL fragment), never to a log. */
  async startQrLogin(context: RequestContext): Promise<StartedLogin & { secret: string }> {
    const secret = randomBytes(24).toString('base64url');
    const started = await this.#start('qr', null, sha256(secret), context);
    await this.#audit.append({
      actor: `ip:${context.ip}`,
      action: 'identity.device-login-start',
      resource: `challenge:${started.challengeId}:qr`,
      outcome: 'success',
    });
    return { ...started, secret };
  }

  async #start(
    kind: ChallengeKind,
    deviceId: string | null,
    qrSecretHash: string | null,
    context: RequestContext,
  ): Promise<StartedLogin> {
    const now = this.#clock.now();
    const bindingToken = randomBytes(32).toString('base64url');
    const challenge = {
      id: randomUUID(),
      kind,
      deviceId,
      verificationCode: verificationCode(),
      nonce: randomBytes(32).toString('base64url'),
      qrSecretHash,
      bindingHash: sha256(bindingToken),
      requestedIp: context.ip,
      requestedUserAgent: context.userAgent,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    };
    await insertChallenge(this.#db, challenge);
    return {
      challengeId: challenge.id,
      verificationCode: challenge.verificationCode,
      expiresAt: challenge.expiresAt,
      bindingToken,
    };
  }

  /**
   * The device proves possession of its key before it sees anything: header
   * `<time in ms>.<signature of proofMessage>`; the time must be within 2 minutes of the server's
   * and newer than the device's previous proof (no replay).
   */
  async authenticateDevice(deviceId: string, proof: string | undefined): Promise<DeviceWithOwner> {
    const device = await findActiveDevice(this.#db, deviceId);
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{86})$/.exec(proof ?? '');
    const refuse = async (reason: string): Promise<never> => {
      await this.#audit.append({
        actor: device === undefined ? `device:${deviceId}` : deviceActor(device),
        action: 'identity.device-proof',
        resource: `device:${deviceId}`,
        outcome: 'refused',
        purpose: reason,
      });
      throw new AppError(DeviceUnrecognised);
    };
    if (device === undefined) return refuse('unknown-or-revoked');
    if (match === null) return refuse('malformed');
    const timeMs = Number(match[1]);
    const signature = match[2] ?? '';
    if (Math.abs(timeMs - this.#clock.now().getTime()) > PROOF_SKEW_MS) return refuse('stale');
    if (!verifyDeviceSignature(device.publicKey, proofMessage(device.id, timeMs), signature)) {
      return refuse('bad-signature');
    }
    if (!(await advanceProofTime(this.#db, device.id, new Date(timeMs)))) return refuse('replay');
    return device;
  }

  /** listPendingDeviceRequests: mobile-signature requests waiting for this device. */
  async pendingRequests(device: DeviceWithOwner): Promise<Challenge[]> {
    return pendingForDevice(this.#db, device.id, this.#clock.now());
  }

  /**
   * getDeviceRequest: one request this device may answer: a mobile request addressed to it, or a
   * QR request whose secret (from the scanned code) it presents.
   */
  async request(
    device: DeviceWithOwner,
    challengeId: string,
    qrSecret: string | undefined,
  ): Promise<Challenge> {
    const challenge = await findChallenge(this.#db, challengeId);
    if (challenge === undefined || !this.#addressedTo(challenge, device, qrSecret)) {
      throw new AppError(DeviceRequestNotFound);
    }
    if (challenge.status !== 'pending') throw new AppError(LoginChallengeUsed);
    if (this.#clock.now() >= challenge.expiresAt) throw new AppError(LoginChallengeExpired);
    return challenge;
  }

  #addressedTo(
    challenge: Challenge,
    device: DeviceWithOwner,
    qrSecret: string | undefined,
  ): boolean {
    if (challenge.kind === 'mobile') return challenge.deviceId === device.id;
    return (
      qrSecret !== undefined &&
      challenge.qrSecretHash !== null &&
      sameHash(sha256(qrSecret), challenge.qrSecretHash)
    );
  }

  /**
   * approveDeviceRequest / denyDeviceRequest: the device signs decisionMessage over the
   * challenge's nonce; a refusal changes nothing and is audited.
   */
  async decide(
    deviceId: string,
    challengeId: string,
    decision: 'approve' | 'deny',
    signature: string,
    qrSecret: string | undefined,
  ): Promise<void> {
    const action = decision === 'approve' ? 'identity.device-approve' : 'identity.device-deny';
    const device = await findActiveDevice(this.#db, deviceId);
    const challenge = await findChallenge(this.#db, challengeId);
    const resource = `challenge:${challengeId}:${challenge?.kind ?? 'unknown'}:device:${deviceId}`;
    const refuse = async (reason: string, error: AppError): Promise<never> => {
      await this.#audit.append({
        actor: device === undefined ? `device:${deviceId}` : deviceActor(device),
        action,
        ...(device?.ownerFin === null || device === undefined
          ? {}
          : { subjectFin: device.ownerFin }),
        resource,
        outcome: 'refused',
        purpose: reason,
      });
      throw error;
    };
    if (device === undefined) {
      return refuse('unknown-or-revoked-device', new AppError(DeviceUnrecognised));
    }
    if (challenge === undefined) {
      return refuse('unknown-challenge', new AppError(DeviceRequestNotFound));
    }
    if (!this.#addressedTo(challenge, device, qrSecret)) {
      return refuse(
        challenge.kind === 'mobile' ? 'wrong-device' : 'wrong-qr-secret',
        new AppError(DeviceRequestNotFound),
      );
    }
    if (challenge.status !== 'pending') return refuse('replay', new AppError(LoginChallengeUsed));
    const now = this.#clock.now();
    if (now >= challenge.expiresAt) return refuse('expired', new AppError(LoginChallengeExpired));
    const message = decisionMessage(decision, challenge.id, device.id, challenge.nonce);
    if (!verifyDeviceSignature(device.publicKey, message, signature)) {
      return refuse('bad-signature', new AppError(DeviceSignatureInvalid));
    }
    const status = decision === 'approve' ? 'approved' : 'denied';
    if (!(await decideChallenge(this.#db, challenge.id, device.id, status, now))) {
      return refuse('replay', new AppError(LoginChallengeUsed));
    }
    await touchDevice(this.#db, device.id, now);
    await this.#audit.append({
      actor: deviceActor(device),
      action,
      ...(device.ownerFin === null ? {} : { subjectFin: device.ownerFin }),
      resource,
      outcome: 'success',
    });
  }

  /** The challenge the binding browser started, or 404 for any other browser. */
  async #bound(
    challengeId: string,
    bindingToken: string | undefined,
    ip: string,
  ): Promise<Challenge> {
    const challenge = await findChallenge(this.#db, challengeId);
    if (
      challenge === undefined ||
      bindingToken === undefined ||
      !sameHash(sha256(bindingToken), challenge.bindingHash)
    ) {
      if (challenge !== undefined) {
        await this.#audit.append({
          actor: `ip:${ip}`,
          action: 'identity.device-login',
          resource: `challenge:${challengeId}:${challenge.kind}`,
          outcome: 'refused',
          purpose: 'not-the-binding-browser',
        });
      }
      throw new AppError(LoginChallengeNotFound);
    }
    return challenge;
  }

  #state(challenge: Challenge): ChallengeState {
    const now = this.#clock.now().getTime();
    switch (challenge.status) {
      case 'pending':
        return now >= challenge.expiresAt.getTime() ? 'expired' : 'pending';
      case 'approved':
        return now >= (challenge.decidedAt?.getTime() ?? 0) + COLLECT_WITHIN_MS
          ? 'expired'
          : 'approved';
      case 'denied':
        return 'denied';
      case 'completed':
        return 'completed';
    }
  }

  /** getLoginChallengeStatus, for the waiting page's polling. */
  async status(
    challengeId: string,
    bindingToken: string | undefined,
    ip: string,
  ): Promise<{ status: ChallengeState; expiresAt: Date }> {
    const challenge = await this.#bound(challengeId, bindingToken, ip);
    return { status: this.#state(challenge), expiresAt: challenge.expiresAt };
  }

  /** completeDeviceLogin: an approved challenge becomes a session, exactly once. */
  async complete(challengeId: string, bindingToken: string | undefined, context: RequestContext) {
    const challenge = await this.#bound(challengeId, bindingToken, context.ip);
    const state = this.#state(challenge);
    const refuse = async (reason: string, error: AppError): Promise<never> => {
      await this.#audit.append({
        actor: `ip:${context.ip}`,
        action: 'identity.device-login',
        resource: `challenge:${challenge.id}:${challenge.kind}`,
        outcome: 'refused',
        purpose: reason,
      });
      throw error;
    };
    switch (state) {
      case 'pending':
        return refuse('pending', new AppError(LoginChallengePending));
      case 'expired':
        return refuse('expired', new AppError(LoginChallengeExpired));
      case 'denied':
        return refuse('denied', new AppError(LoginChallengeDenied));
      case 'completed':
        return refuse('replay', new AppError(LoginChallengeUsed));
      case 'approved':
        break;
    }
    const device =
      challenge.deviceId === null
        ? undefined
        : await findActiveDevice(this.#db, challenge.deviceId);
    // Revoked between approval and collection (a lost phone reported in that minute).
    if (device === undefined) return refuse('device-revoked', new AppError(LoginChallengeDenied));
    if (!(await completeChallenge(this.#db, challenge.id, this.#clock.now()))) {
      return refuse('replay', new AppError(LoginChallengeUsed));
    }
    return this.#identity.startSession(
      device.accountId,
      { acr: device.assurance, amr: [challenge.kind] },
      context,
    );
  }
}
