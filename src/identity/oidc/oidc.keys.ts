import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** What the OpenID Connect provider signs with and keeps its cookies and client secrets under. */
export interface OidcKeys {
  /** Private JWKS: one ES256 and one RS256 key (RS256 is what OpenID Connect requires by default). */
  readonly jwks: { keys: JWK[] };
  /** Keys the provider signs its cookies with (Keygrip: the first signs, all verify). */
  readonly cookieKeys: string[];
  /** HMAC key client secrets are derived with (`identity.oidc_client`). */
  readonly clientSecretKey: Buffer;
}

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'ehis-oidc', info, 32));
}

async function privateJwk(alg: 'ES256' | 'RS256'): Promise<JWK> {
  const pair = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(pair.privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  return { ...jwk, kid: await calculateJwkThumbprint(publicPart), alg, use: 'sig' };
}

function parseJwks(text: string, source: string): { keys: JWK[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source}: not JSON (expected a private JWKS {"keys": [...]})`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(`${source}: expected a private JWKS with at least one key`);
  }
  for (const key of keys as JWK[]) {
    if (typeof key.d !== 'string') throw new Error(`${source}: every key must be a private key`);
  }
  return { keys: keys as JWK[] };
}

/** Reads a file made once by whichever process got there first (flag wx), or makes it. */
async function readOrCreate(file: string, make: () => Promise<string>): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const content = await make();
  try {
    await writeFile(file, content, { mode: 0o600, flag: 'wx' });
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  }
}

/**
 * The provider's keys: from configuration (EHIS_OIDC_JWKS, EHIS_OIDC_SECRET; required in
 * production) or generated on first use into `<dataDir>/keys/oidc/` (owner-only files), never
 * in the repository. Cookie keys and the client-secret key are derived from the one secret.
 */
export async function loadOrCreateOidcKeys(options: {
  readonly dataDir: string;
  readonly configuredJwks: string | undefined;
  readonly configuredSecret: string | undefined;
}): Promise<OidcKeys> {
  const dir = join(options.dataDir, 'keys', 'oidc');
  if (options.configuredJwks === undefined || options.configuredSecret === undefined) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  }
  const jwks =
    options.configuredJwks !== undefined
      ? parseJwks(options.configuredJwks, 'EHIS_OIDC_JWKS')
      : parseJwks(
          await readOrCreate(join(dir, 'jwks.json'), async () =>
            JSON.stringify({ keys: [await privateJwk('ES256'), await privateJwk('RS256')] }),
          ),
          'keys/oidc/jwks.json',
        );
  const secret =
    options.configuredSecret ??
    (
      await readOrCreate(join(dir, 'secret'), async () => randomBytes(32).toString('base64url'))
    ).trim();
  return {
    jwks,
    cookieKeys: [derive(secret, 'cookies').toString('base64url')],
    clientSecretKey: derive(secret, 'client-secrets'),
  };
}
