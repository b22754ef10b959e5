import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function fails(env: Record<string, string>, variable: string): void {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).variable).toBe(variable);
  expect((caught as ConfigError).message.startsWith(`${variable}: `)).toBe(true);
}

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://ehis@db.internal:5432/ehis',
  EHIS_AUDIT_SIGNING_KEY: '{"kty":"EC"}',
  EHIS_GATEWAY_SIGNING_KEY: '{"kty":"EC"}',
  EHIS_CA_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----',
  EHIS_CA_CERTIFICATE: '-----BEGIN CERTIFICATE-----',
  EHIS_PUBLIC_URL: 'https://www.e-gov.az',
  EHIS_OIDC_JWKS: '{"keys":[]}',
  EHIS_OIDC_SECRET: 's'.repeat(40),
};

describe('configuration', () => {
  it('defaults: 127.0.0.1:3000, embedded database in ./data, demo on, development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      profile: 'development',
      demo: true,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('demo mode is off by default with a PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).demo).toBe(false);
  });

  it('refuses a bad value naming the variable', () => {
    fails({ PORT: 'abc' }, 'PORT');
    fails({ PORT: '70000' }, 'PORT');
    fails({ NODE_ENV: 'prod' }, 'NODE_ENV');
    fails({ DATABASE_URL: 'mysql://u@h/db' }, 'DATABASE_URL');
    fails({ DATABASE_URL: 'not a url' }, 'DATABASE_URL');
    fails({ DATABASE_URL: 'postgres://u@h:5432' }, 'DATABASE_URL');
    fails({ EHIS_DEMO: 'maybe' }, 'EHIS_DEMO');
    fails({ HOST: 'a b' }, 'HOST');
    fails({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
  });

  it('IAM-004-7.1.1: the old operator token is refused with a pointer to operator logins', () => {
    fails({ EHIS_OPERATOR_TOKEN: 'x'.repeat(40) }, 'EHIS_OPERATOR_TOKEN');
  });

  it('EHIS-004-4.4: the job queue lease outlasts the longest exchange delivery; lease and poll can be set', () => {
    expect(loadConfig({})).toMatchObject({ queueLeaseMs: 180_000, queuePollMs: 1000 });
    expect(loadConfig({ EHIS_QUEUE_LEASE_MS: '1500', EHIS_QUEUE_POLL_MS: '50' })).toMatchObject({
      queueLeaseMs: 1500,
      queuePollMs: 50,
    });
    fails({ EHIS_QUEUE_LEASE_MS: '10' }, 'EHIS_QUEUE_LEASE_MS');
    fails({ EHIS_QUEUE_LEASE_MS: '1m' }, 'EHIS_QUEUE_LEASE_MS');
    fails({ EHIS_QUEUE_POLL_MS: '0' }, 'EHIS_QUEUE_POLL_MS');
  });

  it('OPS-004-2.9: staging is a profile of its own (pre-production environment)', () => {
    expect(loadConfig({ NODE_ENV: 'staging' }).profile).toBe('staging');
  });

  it('production refuses demo mode and a missing secret', () => {
    expect(loadConfig(PRODUCTION).demo).toBe(false);
    fails({ ...PRODUCTION, EHIS_DEMO: 'true' }, 'EHIS_DEMO');
    fails({ ...PRODUCTION, EHIS_AUDIT_SIGNING_KEY: '' }, 'EHIS_AUDIT_SIGNING_KEY');
    fails({ ...PRODUCTION, DATABASE_URL: '' }, 'DATABASE_URL');
    fails({ ...PRODUCTION, EHIS_GATEWAY_SIGNING_KEY: '' }, 'EHIS_GATEWAY_SIGNING_KEY');
    fails(
      { ...PRODUCTION, EHIS_CA_PRIVATE_KEY: '', EHIS_CA_CERTIFICATE: '' },
      'EHIS_CA_PRIVATE_KEY',
    );
    fails({ EHIS_CA_CERTIFICATE: 'pem' }, 'EHIS_CA_PRIVATE_KEY');
    fails({ ...PRODUCTION, EHIS_PUBLIC_URL: '' }, 'EHIS_PUBLIC_URL');
    fails({ ...PRODUCTION, EHIS_OIDC_JWKS: '' }, 'EHIS_OIDC_JWKS');
    fails({ ...PRODUCTION, EHIS_OIDC_SECRET: '' }, 'EHIS_OIDC_SECRET');
  });

  it('IAM-001-004-SSO: the public address is an origin, https in production', () => {
    expect(loadConfig({ EHIS_PUBLIC_URL: 'http://localhost:3000/' }).publicUrl).toBe(
      'http://localhost:3000',
    );
    expect(loadConfig(PRODUCTION).publicUrl).toBe('https://www.e-gov.az');
    fails({ ...PRODUCTION, EHIS_PUBLIC_URL: 'http://www.e-gov.az' }, 'EHIS_PUBLIC_URL');
    fails({ EHIS_PUBLIC_URL: 'https://www.e-gov.az/portal' }, 'EHIS_PUBLIC_URL');
    fails({ EHIS_PUBLIC_URL: 'ftp://x' }, 'EHIS_PUBLIC_URL');
    fails({ EHIS_OIDC_SECRET: 'short' }, 'EHIS_OIDC_SECRET');
  });
});
