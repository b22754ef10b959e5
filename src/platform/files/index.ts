// The platform's file store (attachments, result documents). Other modules import from here.
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { FileStore } from './file-store.ts';
import { FilesystemFileStore } from './filesystem-store.ts';
import { S3FileStore } from './s3-store.ts';

export {
  FILE_KEY,
  FileNotFoundError,
  isFileKey,
  type FileStore,
  type StoredFile,
} from './file-store.ts';
export { FilesystemFileStore } from './filesystem-store.ts';
export { S3FileStore, type S3Settings } from './s3-store.ts';

/**
 * The store the configuration names: `EHIS_FILE_STORE=filesystem` (default, `<dataDir>/files`) or
 * `s3` (the `EHIS_S3_*` settings; uploads are spooled in `<dataDir>/files-spool`).
 */
export async function openFileStore(config: Config): Promise<FileStore> {
  const settings = config.fileStore;
  switch (settings.kind) {
    case 'filesystem':
      return FilesystemFileStore.open(join(config.dataDir, 'files'));
    case 's3':
      return new S3FileStore(settings, join(config.dataDir, 'files-spool'));
  }
}
