import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config/config.ts';
import {
  FileNotFoundError,
  FilesystemFileStore,
  openFileStore,
} from '../../src/platform/files/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ehis-files-'));
  dirs.push(dir);
  return dir;
}
function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the filesystem file store', () => {
  it('stores a stream under a random key with its SHA-256 and size, and gives the bytes back', async () => {
    const root = tempDir();
    const store = await FilesystemFileStore.open(root);
    const content = Buffer.from('Azərbaycan Respublikası — ərizə'.repeat(1000));
    const stored = await store.put(Readable.from([content.subarray(0, 7), content.subarray(7)]));
    expect(stored.key).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(stored.size).toBe(content.length);
    expect(allFiles(root)).toEqual([join(root, stored.key.slice(0, 2), stored.key)]);
    expect((await buffer(await store.get(stored.key))).equals(content)).toBe(true);
    const second = await store.put(content);
    expect(second.key).not.toBe(stored.key);
    expect(second.sha256).toBe(stored.sha256);
    await store.delete(stored.key);
    await store.delete(stored.key); // again: no error
    await expect(store.get(stored.key)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(allFiles(root)).toHaveLength(1);
  });

  it('a stream that fails half-way leaves nothing behind (no file, no temporary file)', async () => {
    const root = tempDir();
    const store = await FilesystemFileStore.open(root);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('client went away');
    expect(allFiles(root)).toEqual([]);
  });

  it('keys that are not the store’s own shape reach no file: no path traversal', async () => {
    const root = tempDir();
    const outside = join(root, '..', `victim-${Date.now()}`);
    writeFileSync(outside, 'secret');
    try {
      const store = await FilesystemFileStore.open(join(root, 'files'));
      for (const key of [
        `../${outside}`,
        '../../etc/passwd',
        '/etc/passwd',
        'ab/../../x',
        '',
        'A'.repeat(32),
      ]) {
        await expect(store.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
        await store.delete(key);
      }
      expect(existsSync(outside)).toBe(true);
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it('temporary files left by a crash are removed at the next start; fresh ones are kept', async () => {
    const root = tempDir();
    await FilesystemFileStore.open(root);
    const stale = join(root, '.tmp', 'deadbeef.part');
    const fresh = join(root, '.tmp', 'cafebabe.part');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await FilesystemFileStore.open(root);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('file store configuration', () => {
  const S3 = {
    EHIS_FILE_STORE: 's3',
    EHIS_S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com',
    EHIS_S3_BUCKET: 'ehis-attachments',
    EHIS_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    EHIS_S3_SECRET_ACCESS_KEY: 'secret-example',
  };

  it('the filesystem under <EHIS_DATA_DIR>/files is the default', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ EHIS_DATA_DIR: dataDir });
    expect(config.fileStore).toEqual({ kind: 'filesystem' });
    const store = await openFileStore(config);
    expect(store.kind).toBe('filesystem');
    await store.put(Buffer.from('x'));
    expect(allFiles(join(dataDir, 'files'))).toHaveLength(1);
  });

  it('EHIS_FILE_STORE=s3 takes endpoint, bucket, region and credentials (region defaults to us-east-1)', async () => {
    const config = loadConfig({ ...S3, EHIS_DATA_DIR: tempDir() });
    expect(config.fileStore).toEqual({
      kind: 's3',
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      bucket: 'ehis-attachments',
      region: 'us-east-1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret-example',
    });
    expect((await openFileStore(config)).kind).toBe('s3');
    expect(loadConfig({ ...S3, EHIS_S3_REGION: 'eu-central-1' }).fileStore).toMatchObject({
      region: 'eu-central-1',
    });
    // A local MinIO over http is allowed outside production.
    expect(
      loadConfig({ ...S3, EHIS_S3_ENDPOINT: 'http://127.0.0.1:9000' }).fileStore,
    ).toMatchObject({ endpoint: 'http://127.0.0.1:9000' });
  });

  it('a missing or bad S3 setting stops the start naming the variable', () => {
    for (const name of [
      'EHIS_S3_ENDPOINT',
      'EHIS_S3_BUCKET',
      'EHIS_S3_ACCESS_KEY_ID',
      'EHIS_S3_SECRET_ACCESS_KEY',
    ] as const) {
      const env: Record<string, string> = { ...S3 };
      delete env[name];
      expect(configError(env).variable).toBe(name);
    }
    expect(configError({ ...S3, EHIS_FILE_STORE: 'ftp' }).variable).toBe('EHIS_FILE_STORE');
    expect(configError({ ...S3, EHIS_S3_ENDPOINT: 'not a url' }).variable).toBe('EHIS_S3_ENDPOINT');
    expect(configError({ ...S3, EHIS_S3_ENDPOINT: 'ftp://s3.example' }).variable).toBe(
      'EHIS_S3_ENDPOINT',
    );
    expect(
      configError({ ...S3, EHIS_S3_ENDPOINT: 'https://s3.example/ehis-attachments' }).variable,
    ).toBe('EHIS_S3_ENDPOINT');
    for (const bucket of ['Upper', 'a', 'has_underscore', 'two..dots', '-start']) {
      expect(configError({ ...S3, EHIS_S3_BUCKET: bucket }).variable).toBe('EHIS_S3_BUCKET');
    }
    expect(configError({ ...S3, EHIS_S3_REGION: 'EU Central' }).variable).toBe('EHIS_S3_REGION');
  });

  it('production needs an https S3 endpoint', () => {
    const production = {
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
    expect(loadConfig({ ...production, ...S3 }).fileStore.kind).toBe('s3');
    expect(
      configError({ ...production, ...S3, EHIS_S3_ENDPOINT: 'http://minio.internal:9000' })
        .variable,
    ).toBe('EHIS_S3_ENDPOINT');
  });

  it('EHIS_SMTP_URL is smtp:// or smtps://; EHIS_SMTP_FROM is an address', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ EHIS_SMTP_URL: 'smtps://user:pass@mail.e-gov.az:465' }).smtpUrl).toBe(
      'smtps://user:pass@mail.e-gov.az:465',
    );
    expect(configError({ EHIS_SMTP_URL: 'http://mail.e-gov.az' }).variable).toBe('EHIS_SMTP_URL');
    expect(configError({ EHIS_SMTP_URL: 'mail.e-gov.az' }).variable).toBe('EHIS_SMTP_URL');
    expect(loadConfig({}).smtpFrom).toBe('EHİS <no-reply@e-gov.az>');
    expect(loadConfig({ EHIS_SMTP_FROM: 'portal@e-gov.az' }).smtpFrom).toBe('portal@e-gov.az');
    expect(configError({ EHIS_SMTP_FROM: 'not an address' }).variable).toBe('EHIS_SMTP_FROM');
    expect(configError({ EHIS_SMTP_FROM: 'x <a@b>\r\nBcc: c@d' }).variable).toBe('EHIS_SMTP_FROM');
  });
});
