import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AwsClient } from 'aws4fetch';
import {
  FileNotFoundError,
  spoolHashed,
  isFileKey,
  type FileStore,
  type StoredFile,
} from './file-store.ts';

export interface S3Settings {
  /** The service's origin, e.g. `https://s3.eu-central-1.amazonaws.com` or a MinIO address. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW …), path-style addressing
 * (`<endpoint>/<bucket>/<key>`), requests signed with AWS Signature V4 (aws4fetch).
 *
 * `put` first spools the content to a temporary file under `spoolDir` while hashing it, then
 * uploads it with its length and its SHA-256 in `x-amz-content-sha256`, so the service checks
 * the bytes it received against the hash we computed. Objects are written whole (no multipart
 * upload): fine for attachments (at most 10 MB), S3 takes up to 5 GB in one PUT.
 *
 * Not tested against a real S3 service in this repository (there is none on the test machines);
 * only its configuration is tested (test/platform/file-store.int.test.ts).
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  readonly #client: AwsClient;
  readonly #base: string;
  readonly #spool: string;

  constructor(settings: S3Settings, spoolDir: string) {
    this.#client = new AwsClient({
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      region: settings.region,
      service: 's3',
    });
    this.#base = `${settings.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(settings.bucket)}/`;
    this.#spool = spoolDir;
  }

  #url(key: string): string {
    return `${this.#base}${key}`;
  }

  async put(content: Readable | Uint8Array): Promise<StoredFile> {
    await mkdir(this.#spool, { recursive: true, mode: 0o700 });
    const key = randomBytes(16).toString('hex');
    const temp = join(this.#spool, `${key}.s3part`);
    const { sha256, size } = await spoolHashed(content, temp);
    try {
      const response = await this.#client.fetch(this.#url(key), {
        method: 'PUT',
        headers: {
          'content-length': String(size),
          'content-type': 'application/octet-stream',
          'x-amz-content-sha256': sha256,
        },
        body: Readable.toWeb(createReadStream(temp)),
        duplex: 'half',
      });
      if (!response.ok) {
        throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
      }
      return { key, sha256, size };
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    if (!isFileKey(key)) throw new FileNotFoundError(key);
    const response = await this.#client.fetch(this.#url(key), { method: 'GET' });
    if (response.status === 404) throw new FileNotFoundError(key);
    if (!response.ok || response.body === null) {
      throw new Error(`S3 GET ${key} failed: ${response.status}`);
    }
    return Readable.fromWeb(response.body);
  }

  async delete(key: string): Promise<void> {
    if (!isFileKey(key)) return;
    const response = await this.#client.fetch(this.#url(key), { method: 'DELETE' });
    // S3 answers 204 whether or not the object existed.
    if (!response.ok && response.status !== 404) {
      throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
    }
  }
}
