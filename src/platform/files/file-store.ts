import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What `put` returns: the key to find the file again, its SHA-256 (hex) and its size in bytes. */
export interface StoredFile {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Where the platform keeps files (attachments, result documents): the filesystem under
 * `<EHIS_DATA_DIR>/files/` by default, an S3-compatible bucket in production
 * (`EHIS_FILE_STORE=s3`). Keys are random and chosen by the store, never by the caller, so a key
 * can name no path outside the store.
 */
export interface FileStore {
  /** Which implementation (`filesystem`, `s3`), for the start-up message and logs. */
  readonly kind: string;
  /**
   * Stores the content and hashes it on the way. A stream that fails (an upload cut off, a
   * size or type check that throws) leaves nothing behind.
   */
  put(content: Readable | Uint8Array): Promise<StoredFile>;
  /** The content; throws FileNotFoundError when there is no such key. */
  get(key: string): Promise<Readable>;
  /** Removes the file; removing a file that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export class FileNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`no file with key ${key}`);
    this.name = 'FileNotFoundError';
    this.key = key;
  }
}

/** 128 random bits as 32 lower-case hex digits: the only shape a key may have. */
export const FILE_KEY = /^[0-9a-f]{32}$/;

export function isFileKey(key: string): boolean {
  return FILE_KEY.test(key);
}

export function asReadable(content: Readable | Uint8Array): Readable {
  return content instanceof Readable ? content : Readable.from([Buffer.from(content)]);
}

/**
 * Writes `content` to a new file `temp` (mode 0600), hashing it on the way, and flushes it to
 * disk. On failure the partial file is removed and the error rethrown; on success the caller
 * owns `temp` (renames it into place, or uploads and deletes it).
 */
export async function spoolHashed(
  content: Readable | Uint8Array,
  temp: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await pipeline(
      asReadable(content),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          handle.write(chunk).then(
            () => done(),
            (error: unknown) => done(error as Error),
          );
        },
      }),
    );
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { sha256: hash.digest('hex'), size };
}
