import { KeyObject, sign, verify, type webcrypto } from 'node:crypto';

/**
 * Compact JWS (RFC 7515) with ES256, on node:crypto's asynchronous sign and verify: they run on
 * the libuv thread pool, so on a machine with two cores the signature work of the exchange
 * overlaps with the main thread's database and JSON work. The output is plain RFC 7515 — any
 * JOSE library (jose in the tests) verifies it — only the hot path avoids the extra layers.
 */
export type JwsKey = KeyObject | webcrypto.CryptoKey;

function keyObject(key: JwsKey): KeyObject {
  return key instanceof KeyObject ? key : KeyObject.from(key);
}

function signAsync(data: Buffer, key: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, (error, signature) => {
      if (error === null) resolve(signature);
      else reject(error);
    });
  });
}

function verifyAsync(data: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolve, reject) => {
    verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature, (error, ok) => {
      if (error === null) resolve(ok);
      else reject(error);
    });
  });
}

export class JwsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwsError';
  }
}

/** Signs `payload` (bytes or text) with ES256 under the given protected header. */
export async function signJws(
  header: Record<string, unknown>,
  payload: Uint8Array | string,
  key: JwsKey,
): Promise<string> {
  const protectedHeader = Buffer.from(JSON.stringify({ ...header, alg: 'ES256' })).toString(
    'base64url',
  );
  const body = Buffer.from(payload).toString('base64url');
  const signingInput = `${protectedHeader}.${body}`;
  const signature = await signAsync(Buffer.from(signingInput), keyObject(key));
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The protected header of a compact JWS, unverified (to find the key); throws JwsError. */
export function peekJwsHeader(jws: string): Record<string, unknown> {
  const [header] = jws.split('.', 1);
  try {
    const parsed = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('header');
    return parsed as Record<string, unknown>;
  } catch {
    throw new JwsError('malformed JWS header');
  }
}

/** Verifies an ES256 compact JWS; returns its header and payload bytes, or throws JwsError. */
export async function verifyJws(
  jws: string,
  key: JwsKey,
): Promise<{ header: Record<string, unknown>; payload: Buffer }> {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new JwsError('not a compact JWS');
  const [header = '', payload = '', signature = ''] = parts;
  const parsedHeader = peekJwsHeader(jws);
  if (parsedHeader.alg !== 'ES256') throw new JwsError('algorithm must be ES256');
  if (Array.isArray(parsedHeader.crit)) throw new JwsError('unsupported critical header');
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (signatureBytes.length !== 64) throw new JwsError('bad signature length');
  const ok = await verifyAsync(Buffer.from(`${header}.${payload}`), keyObject(key), signatureBytes);
  if (!ok) throw new JwsError('signature does not verify');
  return { header: parsedHeader, payload: Buffer.from(payload, 'base64url') };
}
