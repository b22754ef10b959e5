import type { Kysely } from 'kysely';
import type { Acr, IdentityTables } from '../identity.store.ts';

/** The assurance a device gives its logins: never `low` (a device is a possession factor). */
export type DeviceAssurance = Exclude<Acr, 'low'>;
export type ChallengeKind = 'mobile' | 'qr';
export type ChallengeStatus = 'pending' | 'approved' | 'denied' | 'completed';

/** The public half of a P-256 key as WebCrypto exports it (RFC 7517); the private half never leaves the phone. */
export interface DevicePublicKey {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

export interface DeviceTables extends IdentityTables {
  'identity.device': {
    id: string;
    account_id: string;
    mobile_user_id: string;
    phone: string;
    label: string;
    public_key: unknown;
    key_thumbprint: string;
    assurance: DeviceAssurance;
    activated_by: string;
    created_at: Date;
    last_used_at: Date | null;
    last_proof_at: Date | null;
    revoked_at: Date | null;
  };
  'identity.device_challenge': {
    id: string;
    kind: ChallengeKind;
    device_id: string | null;
    verification_code: string;
    nonce: string;
    qr_secret_hash: string | null;
    binding_hash: string;
    status: ChallengeStatus;
    requested_ip: string | null;
    requested_user_agent: string | null;
    created_at: Date;
    expires_at: Date;
    decided_at: Date | null;
    completed_at: Date | null;
  };
}

export type DeviceDb = Kysely<DeviceTables>;
type DeviceRow = DeviceTables['identity.device'];
type ChallengeRow = DeviceTables['identity.device_challenge'];

export interface Device {
  readonly id: string;
  readonly accountId: string;
  readonly mobileUserId: string;
  readonly phone: string;
  readonly label: string;
  readonly publicKey: DevicePublicKey;
  readonly assurance: DeviceAssurance;
  readonly activatedBy: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly lastProofAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A device with its owner, for logins: only active devices of active accounts. */
export interface DeviceWithOwner extends Device {
  readonly ownerFin: string | null;
}

export interface Challenge {
  readonly id: string;
  readonly kind: ChallengeKind;
  readonly deviceId: string | null;
  readonly verificationCode: string;
  readonly nonce: string;
  readonly qrSecretHash: string | null;
  readonly bindingHash: string;
  readonly status: ChallengeStatus;
  readonly requestedIp: string | null;
  readonly requestedUserAgent: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  readonly completedAt: Date | null;
}

function toDevice(row: DeviceRow): Device {
  const key = (
    typeof row.public_key === 'string' ? JSON.parse(row.public_key) : row.public_key
  ) as DevicePublicKey;
  return {
    id: row.id,
    accountId: row.account_id,
    mobileUserId: row.mobile_user_id,
    phone: row.phone,
    label: row.label,
    publicKey: key,
    assurance: row.assurance,
    activatedBy: row.activated_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    lastProofAt: row.last_proof_at,
    revokedAt: row.revoked_at,
  };
}

function toChallenge(row: ChallengeRow): Challenge {
  return {
    id: row.id,
    kind: row.kind,
    deviceId: row.device_id,
    verificationCode: row.verification_code,
    nonce: row.nonce,
    qrSecretHash: row.qr_secret_hash,
    bindingHash: row.binding_hash,
    status: row.status,
    requestedIp: row.requested_ip,
    requestedUserAgent: row.requested_user_agent,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    completedAt: row.completed_at,
  };
}

export interface NewDevice {
  readonly id: string;
  readonly accountId: string;
  readonly mobileUserId: string;
  readonly phone: string;
  readonly label: string;
  readonly publicKey: DevicePublicKey;
  readonly keyThumbprint: string;
  readonly assurance: DeviceAssurance;
  readonly activatedBy: string;
  readonly createdAt: Date;
}

export async function insertDevice(db: DeviceDb, device: NewDevice): Promise<void> {
  await db
    .insertInto('identity.device')
    .values({
      id: device.id,
      account_id: device.accountId,
      mobile_user_id: device.mobileUserId,
      phone: device.phone,
      label: device.label,
      public_key: JSON.stringify(device.publicKey),
      key_thumbprint: device.keyThumbprint,
      assurance: device.assurance,
      activated_by: device.activatedBy,
      created_at: device.createdAt,
      last_used_at: null,
      last_proof_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function countActiveDevices(db: DeviceDb, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('identity.device')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findDeviceByThumbprint(
  db: DeviceDb,
  thumbprint: string,
): Promise<Device | undefined> {
  const row = await db
    .selectFrom('identity.device')
    .selectAll()
    .where('key_thumbprint', '=', thumbprint)
    .executeTakeFirst();
  return row === undefined ? undefined : toDevice(row);
}

/** The account's devices that are not revoked, newest first. */
export async function listActiveDevices(db: DeviceDb, accountId: string): Promise<Device[]> {
  const rows = await db
    .selectFrom('identity.device')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(toDevice);
}

/** Revokes one of the account's own devices; false when it has no such active device. */
export async function revokeOwnDevice(
  db: DeviceDb,
  accountId: string,
  deviceId: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .updateTable('identity.device')
    .set({ revoked_at: at })
    .where('id', '=', deviceId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length === 1;
}

function activeWithOwner(db: DeviceDb) {
  return db
    .selectFrom('identity.device as d')
    .innerJoin('identity.account as a', 'a.id', 'd.account_id')
    .selectAll('d')
    .select('a.fin as owner_fin')
    .where('d.revoked_at', 'is', null)
    .where('a.status', '=', 'active');
}

/** An active device of an active account, by id. */
export async function findActiveDevice(
  db: DeviceDb,
  deviceId: string,
): Promise<DeviceWithOwner | undefined> {
  const row = await activeWithOwner(db).where('d.id', '=', deviceId).executeTakeFirst();
  return row === undefined ? undefined : { ...toDevice(row), ownerFin: row.owner_fin };
}

/** The active device a person names at mobile login with phone number and mobile user id. */
export async function findActiveDeviceByPhone(
  db: DeviceDb,
  phone: string,
  mobileUserId: string,
): Promise<DeviceWithOwner | undefined> {
  const row = await activeWithOwner(db)
    .where('d.phone', '=', phone)
    .where('d.mobile_user_id', '=', mobileUserId)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...toDevice(row), ownerFin: row.owner_fin };
}

/**
 * Records a device proof made at `at`, refusing one not newer than the last: a proof cannot be
 * replayed. False when the device is revoked or the proof is stale.
 */
export async function advanceProofTime(db: DeviceDb, deviceId: string, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('identity.device')
    .set({ last_proof_at: at })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('last_proof_at', 'is', null), eb('last_proof_at', '<', at)]))
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function touchDevice(db: DeviceDb, deviceId: string, at: Date): Promise<void> {
  await db
    .updateTable('identity.device')
    .set({ last_used_at: at })
    .where('id', '=', deviceId)
    .execute();
}

export async function countPendingForDevice(
  db: DeviceDb,
  deviceId: string,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('identity.device_challenge')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device_id', '=', deviceId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewChallenge {
  readonly id: string;
  readonly kind: ChallengeKind;
  readonly deviceId: string | null;
  readonly verificationCode: string;
  readonly nonce: string;
  readonly qrSecretHash: string | null;
  readonly bindingHash: string;
  readonly requestedIp: string;
  readonly requestedUserAgent: string | undefined;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export async function insertChallenge(db: DeviceDb, challenge: NewChallenge): Promise<void> {
  await db
    .insertInto('identity.device_challenge')
    .values({
      id: challenge.id,
      kind: challenge.kind,
      device_id: challenge.deviceId,
      verification_code: challenge.verificationCode,
      nonce: challenge.nonce,
      qr_secret_hash: challenge.qrSecretHash,
      binding_hash: challenge.bindingHash,
      status: 'pending',
      requested_ip: challenge.requestedIp,
      requested_user_agent: challenge.requestedUserAgent?.slice(0, 300) ?? null,
      created_at: challenge.createdAt,
      expires_at: challenge.expiresAt,
      decided_at: null,
      completed_at: null,
    })
    .execute();
}

export async function findChallenge(db: DeviceDb, id: string): Promise<Challenge | undefined> {
  const row = await db
    .selectFrom('identity.device_challenge')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toChallenge(row);
}

/** Pending, unexpired mobile-signature requests addressed to a device, oldest first. */
export async function pendingForDevice(
  db: DeviceDb,
  deviceId: string,
  now: Date,
): Promise<Challenge[]> {
  const rows = await db
    .selectFrom('identity.device_challenge')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('kind', '=', 'mobile')
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .limit(10)
    .execute();
  return rows.map(toChallenge);
}

/**
 * Moves a pending challenge to approved or denied, recording the device that decided; false when
 * it was no longer pending (a replay, or another device was first).
 */
export async function decideChallenge(
  db: DeviceDb,
  id: string,
  deviceId: string,
  status: 'approved' | 'denied',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .updateTable('identity.device_challenge')
    .set({ status, device_id: deviceId, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', at)
    .where((eb) => eb.or([eb('device_id', 'is', null), eb('device_id', '=', deviceId)]))
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Approved → completed, exactly once; false when another request completed it first. */
export async function completeChallenge(db: DeviceDb, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('identity.device_challenge')
    .set({ status: 'completed', completed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .returning('id')
    .execute();
  return rows.length === 1;
}
