import { ApiError, isRecord, TransportError, type Parser } from '../../api.ts';
import { currentLanguage } from '../../i18n/index.ts';

/**
 * The phone's device key (IAM-002-LOGIN-6): an ECDSA P-256 key pair made by WebCrypto with a
 * non-extractable private key, kept in IndexedDB (a CryptoKey survives structured cloning; its
 * private bytes never become readable, not even to this script). The server keeps the public key.
 *
 * The signed messages must match src/identity/devices/device-crypto.ts exactly.
 */

export type DeviceAssurance = 'substantial' | 'high';

export interface StoredDevice {
  readonly deviceId: string;
  readonly mobileUserId: string;
  readonly label: string;
  readonly phone: string;
  readonly assurance: DeviceAssurance;
  readonly keys: CryptoKeyPair;
}

const DB_NAME = 'ehis-device';
const STORE = 'device';
const RECORD = 'this-device';

export function deviceKeysSupported(): boolean {
  return (
    typeof indexedDB !== 'undefined' &&
    typeof crypto !== 'undefined' &&
    typeof crypto.subtle !== 'undefined'
  );
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('indexedDB failed'));
    });
  } finally {
    db.close();
  }
}

function isStoredDevice(value: unknown): value is StoredDevice {
  return (
    isRecord(value) &&
    typeof value.deviceId === 'string' &&
    typeof value.mobileUserId === 'string' &&
    isRecord(value.keys)
  );
}

export async function loadDevice(): Promise<StoredDevice | undefined> {
  const value = await withStore<unknown>('readonly', (store) => store.get(RECORD));
  return isStoredDevice(value) ? value : undefined;
}

export async function saveDevice(device: StoredDevice): Promise<void> {
  await withStore('readwrite', (store) => store.put(device, RECORD));
}

export async function forgetDevice(): Promise<void> {
  await withStore('readwrite', (store) => store.delete(RECORD));
}

/** A new key pair; the private key can sign but can never be exported. */
export async function generateDeviceKeys(): Promise<{
  keys: CryptoKeyPair;
  publicKey: JsonWebKey;
}> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const publicKey = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return { keys, publicKey };
}

function base64Url(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sign(keys: CryptoKeyPair, message: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    keys.privateKey,
    new TextEncoder().encode(message),
  );
  return base64Url(signature);
}

let lastProofMs = 0;

/** The x-ehis-device-proof header: a signed, ever-increasing time (the server refuses replays). */
export async function deviceProof(device: StoredDevice): Promise<string> {
  const time = Math.max(Date.now(), lastProofMs + 1);
  lastProofMs = time;
  return `${time}.${await sign(device.keys, `ehis-device-proof:v1:${device.deviceId}:${time}`)}`;
}

export function signDecision(
  device: StoredDevice,
  decision: 'approve' | 'deny',
  challengeId: string,
  nonce: string,
): Promise<string> {
  return sign(
    device.keys,
    `ehis-device-decision:v1:${decision}:${challengeId}:${device.deviceId}:${nonce}`,
  );
}

export interface DeviceRequest {
  readonly challengeId: string;
  readonly kind: 'mobile' | 'qr';
  readonly verificationCode: string;
  readonly nonce: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export const parseDeviceRequest: Parser<DeviceRequest> = (value) => {
  if (!isRecord(value) || !isRecord(value.requestedFrom)) return undefined;
  const { challengeId, kind, verificationCode, nonce, createdAt, expiresAt } = value;
  const { ip, userAgent } = value.requestedFrom;
  if (kind !== 'mobile' && kind !== 'qr') return undefined;
  if (
    typeof challengeId !== 'string' ||
    typeof verificationCode !== 'string' ||
    typeof nonce !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof expiresAt !== 'string'
  ) {
    return undefined;
  }
  return {
    challengeId,
    kind,
    verificationCode,
    nonce,
    createdAt,
    expiresAt,
    ip: typeof ip === 'string' ? ip : null,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
  };
};

/**
 * A GET the device signs (listPendingDeviceRequests, getDeviceRequest): getJson cannot send the
 * proof header, so this is the same contract with it.
 */
export async function deviceGet<T>(
  device: StoredDevice,
  path: string,
  parse: Parser<T>,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': currentLanguage(),
        'x-ehis-device-proof': await deviceProof(device),
        ...extraHeaders,
      },
    });
    body = await response.json().catch(() => undefined);
  } catch (cause) {
    throw new TransportError('network', { cause });
  }
  if (!response.ok) {
    const problem = isRecord(body) ? body : {};
    const text = (key: string) => (typeof problem[key] === 'string' ? problem[key] : undefined);
    throw new ApiError(response.status, {
      type: text('type'),
      title: text('title'),
      detail: text('detail'),
    });
  }
  const value = parse(body);
  if (value === undefined) throw new TransportError('unexpected');
  return value;
}
