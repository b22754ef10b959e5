import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  FileNotFoundError,
  spoolHashed,
  isFileKey,
  type FileStore,
  type StoredFile,
} from './file-store.ts';

/** Temporary files older than this are left over from a crash and removed at start. */
const STALE_TEMP_MS = 60 * 60_000;

/**
 * Files under `<root>/<first two hex digits>/<key>`. A file is written to `<root>/.tmp/`, flushed
 * to disk and renamed into place, so a reader never sees half a file and a crash leaves only a
 * temporary file (removed at the next start). Keys are checked against FILE_KEY before any path
 * is built from them: no key can reach outside `root`.
 */
export class FilesystemFileStore implements FileStore {
  readonly kind = 'filesystem';
  readonly root: string;
  readonly #tmp: string;

  private constructor(root: string) {
    this.root = root;
    this.#tmp = join(root, '.tmp');
  }

  static async open(root: string): Promise<FilesystemFileStore> {
    const store = new FilesystemFileStore(root);
    await mkdir(store.#tmp, { recursive: true, mode: 0o700 });
    // Compared with the files' modification times, which the file system stamps with the real
    // time: the platform clock (pinned in tests) would not fit them.
    await store.#sweepTemp(Date.now());
    return store;
  }

  async #sweepTemp(nowMs: number): Promise<void> {
    for (const name of await readdir(this.#tmp)) {
      const path = join(this.#tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && nowMs - info.mtimeMs > STALE_TEMP_MS)
        await rm(path, { force: true });
    }
  }

  #pathOf(key: string): string | undefined {
    return isFileKey(key) ? join(this.root, key.slice(0, 2), key) : undefined;
  }

  async put(content: Readable | Uint8Array): Promise<StoredFile> {
    const key = randomBytes(16).toString('hex');
    const temp = join(this.#tmp, `${key}.part`);
    const { sha256, size } = await spoolHashed(content, temp);
    try {
      const dir = join(this.root, key.slice(0, 2));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(temp, join(dir, key));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return { key, sha256, size };
  }

  async get(key: string): Promise<Readable> {
    const path = this.#pathOf(key);
    if (path === undefined) throw new FileNotFoundError(key);
    // Opened before returning, so a missing file is FileNotFoundError here, not a stream error.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new FileNotFoundError(key);
      throw error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    const path = this.#pathOf(key);
    if (path === undefined) return;
    await rm(path, { force: true });
  }
}
