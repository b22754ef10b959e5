import { createPrivateKey, type KeyObject, type webcrypto } from 'node:crypto';
import { signJws } from './jws.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  compactVerify,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';

/**
 * An ES256 (ECDSA P-256) key that signs platform statements such as audit checkpoints. Keys are
 * parsed once and kept as CryptoKey objects: importing per signature would dominate its cost.
 */
type CryptoKey = webcrypto.CryptoKey;

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
  /** The private key as node:crypto signs with it (converted once). */
  readonly signer: KeyObject;
}

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string') {
    throw new KeyError('expected an EC P-256 private key in JWK form');
  }
  const { d: _d, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256', {
    extractable: false,
  })) as CryptoKey;
  const signer = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = (await importJWK({ ...publicJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  return {
    kid,
    privateKey,
    publicKey,
    signer,
    publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
  };
}

export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  return { key: await fromPrivateJwk(privateJwk), privateJwk };
}

/**
 * Loads the key from configuration (production) or from `<dataDir>/keys/<name>.jwk.json`,
 * creating it there on first start (development). The file is readable by its owner only.
 */
export async function loadOrCreateSigningKey(options: {
  readonly name: string;
  readonly dataDir: string;
  readonly configuredJwk?: string | undefined;
}): Promise<SigningKey> {
  if (options.configuredJwk !== undefined) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(options.configuredJwk) as JWK;
    } catch {
      throw new KeyError(`${options.name}: the configured key is not JSON (expected a JWK)`);
    }
    return fromPrivateJwk(jwk);
  }
  const file = join(options.dataDir, 'keys', `${options.name}.jwk.json`);
  try {
    return await fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { key, privateJwk } = await generateSigningKey();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
  return key;
}

export async function signJson(key: SigningKey, payload: unknown): Promise<string> {
  return signJws({ kid: key.kid }, JSON.stringify(payload), key.signer);
}

/** Verifies a compact JWS and returns its JSON payload; throws when the signature is wrong. */
export async function verifyJson(publicKey: CryptoKey, jws: string): Promise<unknown> {
  const { payload } = await compactVerify(jws, publicKey, { algorithms: ['ES256'] });
  return JSON.parse(new TextDecoder().decode(payload)) as unknown;
}
