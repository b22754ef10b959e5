import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DevicePublicKey } from './devices.store.ts';

/**
 * What a device signs. The web app's device page builds the same strings
 * (web/src/components/devices/device-key.ts): change both together. Each message names its
 * purpose and version, so a signature made for one purpose is worthless for another.
 */

/** Proof of possession for reading a device's requests: the device id and the time it signed. */
export function proofMessage(deviceId: string, timeMs: number): string {
  return `ehis-device-proof:v1:${deviceId}:${timeMs}`;
}

/** The answer to one login challenge: the server's random nonce makes it unique to the challenge. */
export function decisionMessage(
  decision: 'approve' | 'deny',
  challengeId: string,
  deviceId: string,
  nonce: string,
): string {
  return `ehis-device-decision:v1:${decision}:${challengeId}:${deviceId}:${nonce}`;
}

const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** The public key as a KeyObject, or undefined when it is not a P-256 point (or carries a private part). */
export function importDeviceKey(jwk: DevicePublicKey): KeyObject | undefined {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') return undefined;
  if (!COORDINATE.test(jwk.x) || !COORDINATE.test(jwk.y)) return undefined;
  try {
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      format: 'jwk',
    });
    return key.asymmetricKeyType === 'ec' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 7638 JWK thumbprint (SHA-256): one key cannot be registered twice. */
export function jwkThumbprint(jwk: DevicePublicKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * Verifies an ECDSA P-256 / SHA-256 signature as WebCrypto makes it: IEEE P1363 (r ‖ s, 64
 * bytes), base64url.
 */
export function verifyDeviceSignature(
  jwk: DevicePublicKey,
  message: string,
  signature: string,
): boolean {
  const key = importDeviceKey(jwk);
  if (key === undefined || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
