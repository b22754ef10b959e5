import { Readable } from 'node:stream';

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
