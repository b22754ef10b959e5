import { Transform, type TransformCallback } from 'node:stream';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Bytes needed to tell the types apart (the PNG signature is the longest). */
export const SNIFF_BYTES = 8;

/**
 * The type of a file by its first bytes (magic numbers), never by its name or the type the
 * client declared: PDF starts `%PDF-` (ISO 32000-1 §7.5.2), PNG with its 8-byte signature
 * (RFC 2083 §3.1), JPEG with the SOI marker FF D8 followed by another marker (FF).
 */
export function sniffType(head: Uint8Array): AttachmentType | undefined {
  const starts = (bytes: readonly number[]) =>
    head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

export type GateRefusal = 'type' | 'size' | 'empty';

export class UploadRefused extends Error {
  readonly reason: GateRefusal;
  constructor(reason: GateRefusal) {
    super(`upload refused: ${reason}`);
    this.name = 'UploadRefused';
    this.reason = reason;
  }
}

/**
 * Passes an upload through while checking it: it holds back the first bytes until the type is
 * known and fails the stream (UploadRefused) as soon as the type is not allowed or the size passes
 * `maxBytes`. Put between the request and the file store, a refusal aborts the store's write, so
 * nothing is kept.
 */
export class UploadGate extends Transform {
  readonly maxBytes: number;
  type: AttachmentType | undefined;
  size = 0;
  #head: Buffer[] = [];
  #headLength = 0;

  constructor(maxBytes: number) {
    super();
    this.maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new UploadRefused('size'));
      return;
    }
    if (this.type !== undefined) {
      done(null, chunk);
      return;
    }
    this.#head.push(chunk);
    this.#headLength += chunk.length;
    if (this.#headLength < SNIFF_BYTES) {
      done();
      return;
    }
    this.#decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) {
      done(new UploadRefused('empty'));
      return;
    }
    if (this.type === undefined) {
      this.#decide(done);
      return;
    }
    done();
  }

  #decide(done: TransformCallback): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    const type = sniffType(head);
    if (type === undefined) {
      done(new UploadRefused('type'));
      return;
    }
    this.type = type;
    done(null, head);
  }
}
