import { resolve } from 'node:path';

/**
 * Configuration is parsed once at start into a frozen, typed object (STYLE.md §10): nothing else
 * in the code base reads `process.env`. A wrong value stops the process with one line that names
 * the variable.
 */
export const PROFILES = ['development', 'test', 'staging', 'production'] as const;
export type Profile = (typeof PROFILES)[number];

export interface Config {
  readonly profile: Profile;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly demo: boolean;
  /** Persons seeded into an empty database in demo mode. */
  readonly demoPersons: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  /** ES256 private key (JWK JSON) that signs audit checkpoints; generated into dataDir when absent. */
  readonly auditSigningKey: string | undefined;
  /** ES256 private key (JWK JSON) the exchange gateway signs answers with; generated when absent. */
  readonly gatewaySigningKey: string | undefined;
  /** The platform CA (private key and certificate, PEM or JWK); generated into dataDir when absent. */
  readonly caPrivateKey: string | undefined;
  readonly caCertificate: string | undefined;
  /**
   * The address users reach EHİS at, e.g. `https://www.e-gov.az` (no trailing slash): the OpenID
   * Connect issuer is `<publicUrl>/oidc`, and passkeys are bound to its host. When absent
   * (development), the address the server listens on.
   */
  readonly publicUrl: string | undefined;
  /** OpenID Connect signing keys (private JWKS JSON, ES256 and RS256); generated when absent. */
  readonly oidcJwks: string | undefined;
  /** Secret (≥ 32 chars) the OpenID Connect cookie keys and client secrets derive from. */
  readonly oidcSecret: string | undefined;
  readonly pgPoolSize: number;
  /**
   * How long a claimed background job is held before another worker may take it over (a crash
   * is recovered after this). It must outlast the slowest job: an asynchronous exchange delivery
   * runs up to its service timeout (at most 120 s), so the default is 180 s.
   */
  readonly queueLeaseMs: number;
  /** How often the job queue looks for due jobs besides its LISTEN wake-ups. */
  readonly queuePollMs: number;
  /** Where files are kept (`EHIS_FILE_STORE`): `<dataDir>/files`, or an S3-compatible bucket. */
  readonly fileStore: FileStoreConfig;
  /**
   * The SMTP server e-mail notifications go through (`EHIS_SMTP_URL`, smtp:// or smtps://). When
   * absent outside production, a local sink on 127.0.0.1 receives them (demo and tests); in
   * production, e-mail notifications are then off.
   */
  readonly smtpUrl: string | undefined;
  /** The From address of notification e-mails (`EHIS_SMTP_FROM`). */
  readonly smtpFrom: string;
  /** The built-in test payment gateway's callback key (`EHIS_TEST_GATEWAY_SECRET`, ≥ 32 chars). */
  readonly testGatewaySecret: string | undefined;
}

export type FileStoreConfig =
  | { readonly kind: 'filesystem' }
  | {
      readonly kind: 's3';
      readonly endpoint: string;
      readonly bucket: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return found;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max} (got ${value})`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL',
      'is not a valid URL (expected postgres://user@host:port/db)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must start with postgres:// or postgresql:// (got "${url.protocol}")`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL', 'must name a database (postgres://host:port/database)');
  }
  return raw;
}

function host(env: Env): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(raw)) {
    throw new ConfigError('HOST', `is not a host name or address (got "${raw}")`);
  }
  return raw;
}

function publicBaseUrl(env: Env, production: boolean): string | undefined {
  const raw = env.EHIS_PUBLIC_URL;
  if (raw === undefined || raw === '') {
    if (production) throw new ConfigError('EHIS_PUBLIC_URL', 'is required in production');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('EHIS_PUBLIC_URL', `is not a URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    throw new ConfigError('EHIS_PUBLIC_URL', `must be an https:// address (got "${raw}")`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('EHIS_PUBLIC_URL', 'must be an origin only, e.g. https://www.e-gov.az');
  }
  return url.origin;
}

function required(env: Env, name: string, why: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') throw new ConfigError(name, `is required ${why}`);
  return raw;
}

function fileStore(env: Env, production: boolean): FileStoreConfig {
  const kind = oneOf(env, 'EHIS_FILE_STORE', ['filesystem', 's3'] as const, 'filesystem');
  if (kind === 'filesystem') return { kind };
  const why = 'with EHIS_FILE_STORE=s3';
  const rawEndpoint = required(env, 'EHIS_S3_ENDPOINT', why);
  let endpoint: URL;
  try {
    endpoint = new URL(rawEndpoint);
  } catch {
    throw new ConfigError('EHIS_S3_ENDPOINT', `is not a URL (got "${rawEndpoint}")`);
  }
  if (endpoint.protocol !== 'https:' && (production || endpoint.protocol !== 'http:')) {
    throw new ConfigError('EHIS_S3_ENDPOINT', `must be an https:// address (got "${rawEndpoint}")`);
  }
  if (endpoint.pathname !== '/' || endpoint.search !== '' || endpoint.username !== '') {
    throw new ConfigError(
      'EHIS_S3_ENDPOINT',
      'must be the service origin only, e.g. https://s3.eu-central-1.amazonaws.com (the bucket is EHIS_S3_BUCKET)',
    );
  }
  const bucket = required(env, 'EHIS_S3_BUCKET', why);
  // S3 bucket naming rules: 3–63 characters, lower-case letters, digits, dots and hyphens.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new ConfigError('EHIS_S3_BUCKET', `is not a valid bucket name (got "${bucket}")`);
  }
  const region = env.EHIS_S3_REGION || 'us-east-1';
  if (!/^[a-z0-9-]{2,32}$/.test(region)) {
    throw new ConfigError('EHIS_S3_REGION', `is not a region name (got "${region}")`);
  }
  return {
    kind,
    endpoint: endpoint.origin,
    bucket,
    region,
    accessKeyId: required(env, 'EHIS_S3_ACCESS_KEY_ID', why),
    secretAccessKey: required(env, 'EHIS_S3_SECRET_ACCESS_KEY', why),
  };
}

function smtpUrl(env: Env): string | undefined {
  const raw = env.EHIS_SMTP_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('EHIS_SMTP_URL', 'is not a URL (expected smtp://user:pass@host:port)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(
      'EHIS_SMTP_URL',
      `must start with smtp:// or smtps:// (got "${url.protocol}")`,
    );
  }
  if (url.hostname === '') throw new ConfigError('EHIS_SMTP_URL', 'must name a host');
  return raw;
}

function testGatewaySecret(env: Env): string | undefined {
  const raw = env.EHIS_TEST_GATEWAY_SECRET;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) {
    throw new ConfigError('EHIS_TEST_GATEWAY_SECRET', 'must be at least 32 characters');
  }
  return raw;
}

function smtpFrom(env: Env): string {
  const raw = env.EHIS_SMTP_FROM;
  if (raw === undefined || raw === '') return 'EHİS <no-reply@e-gov.az>';
  if (!/^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(raw)) {
    throw new ConfigError(
      'EHIS_SMTP_FROM',
      `must be an address, optionally with a name: "EHİS <no-reply@e-gov.az>" (got "${raw}")`,
    );
  }
  return raw;
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const profile = oneOf(env, 'NODE_ENV', PROFILES, 'development');
  const dbUrl = databaseUrl(env);
  const production = profile === 'production';
  const demo = boolean(env, 'EHIS_DEMO', dbUrl === undefined && !production);
  if (production && demo) {
    throw new ConfigError('EHIS_DEMO', 'demo mode is refused in production');
  }
  // The operator token was replaced by operator logins: say so rather than ignore a security setting.
  if (env.EHIS_OPERATOR_TOKEN) {
    throw new ConfigError(
      'EHIS_OPERATOR_TOKEN',
      'is no longer used: operators log in with a certificate or mobile signature (npm run ehis -- bootstrap-operator --fin <FİN>); unset it',
    );
  }
  const auditSigningKey = env.EHIS_AUDIT_SIGNING_KEY || undefined;
  const gatewaySigningKey = env.EHIS_GATEWAY_SIGNING_KEY || undefined;
  const caPrivateKey = env.EHIS_CA_PRIVATE_KEY || undefined;
  const caCertificate = env.EHIS_CA_CERTIFICATE || undefined;
  const publicUrl = publicBaseUrl(env, production);
  const oidcJwks = env.EHIS_OIDC_JWKS || undefined;
  const oidcSecret = env.EHIS_OIDC_SECRET || undefined;
  if (oidcSecret !== undefined && oidcSecret.length < 32) {
    throw new ConfigError('EHIS_OIDC_SECRET', 'must be at least 32 characters');
  }
  if (production && oidcJwks === undefined) {
    throw new ConfigError('EHIS_OIDC_JWKS', 'is required in production (a private JWKS)');
  }
  if (production && oidcSecret === undefined) {
    throw new ConfigError('EHIS_OIDC_SECRET', 'is required in production (at least 32 characters)');
  }
  if ((caPrivateKey === undefined) !== (caCertificate === undefined)) {
    throw new ConfigError(
      caPrivateKey === undefined ? 'EHIS_CA_PRIVATE_KEY' : 'EHIS_CA_CERTIFICATE',
      'EHIS_CA_PRIVATE_KEY and EHIS_CA_CERTIFICATE are given together',
    );
  }
  if (production && auditSigningKey === undefined) {
    throw new ConfigError('EHIS_AUDIT_SIGNING_KEY', 'is required in production (an ES256 JWK)');
  }
  if (production && gatewaySigningKey === undefined) {
    throw new ConfigError('EHIS_GATEWAY_SIGNING_KEY', 'is required in production (an ES256 JWK)');
  }
  if (production && caPrivateKey === undefined) {
    throw new ConfigError(
      'EHIS_CA_PRIVATE_KEY',
      'is required in production (with EHIS_CA_CERTIFICATE)',
    );
  }
  if (production && dbUrl === undefined) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required in production (embedded PGlite is for development)',
    );
  }
  return Object.freeze({
    profile,
    host: host(env),
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.EHIS_DATA_DIR || './data'),
    databaseUrl: dbUrl,
    demo,
    demoPersons: integer(env, 'EHIS_DEMO_PERSONS', 2000, 0, 10_000_000),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, profile === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: integer(env, 'EHIS_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    auditSigningKey,
    gatewaySigningKey,
    caPrivateKey,
    caCertificate,
    publicUrl,
    oidcJwks,
    oidcSecret,
    pgPoolSize: integer(env, 'EHIS_PG_POOL_SIZE', 10, 1, 200),
    queueLeaseMs: integer(env, 'EHIS_QUEUE_LEASE_MS', 180_000, 100, 3_600_000),
    queuePollMs: integer(env, 'EHIS_QUEUE_POLL_MS', 1000, 10, 600_000),
    fileStore: fileStore(env, production),
    smtpUrl: smtpUrl(env),
    smtpFrom: smtpFrom(env),
    testGatewaySecret: testGatewaySecret(env),
  });
}
