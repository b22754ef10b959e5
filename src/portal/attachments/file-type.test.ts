import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UploadGate, UploadRefused, sniffType } from './file-type.ts';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

async function through(chunks: Buffer[], max = 1000): Promise<{ out: Buffer; gate: UploadGate }> {
  const gate = new UploadGate(max);
  const parts: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    gate,
    new Writable({
      write(chunk: Buffer, _e, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  return { out: Buffer.concat(parts), gate };
}

describe('attachment types by content', () => {
  it('POR-003-A1-2.6.2: PDF, PNG and JPEG are told by their first bytes', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(Buffer.from('GIF89a......'))).toBeUndefined();
    expect(sniffType(Buffer.from('<html><body>'))).toBeUndefined();
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e]))).toBeUndefined();
  });

  it('the gate passes every byte through, even when the head comes one byte at a time', async () => {
    const { out, gate } = await through([...PNG].map((b) => Buffer.from([b])));
    expect(out.equals(PNG)).toBe(true);
    expect(gate.type).toBe('image/png');
    expect(gate.size).toBe(PNG.length);
  });

  it('a short file of an allowed type is decided at the end', async () => {
    const { gate } = await through([Buffer.from([0xff, 0xd8, 0xff, 0xdb])]);
    expect(gate.type).toBe('image/jpeg');
  });

  it('refuses a wrong type, an empty body and a body over the limit', async () => {
    await expect(through([Buffer.from('MZ\x90\x00 an exe file')])).rejects.toEqual(
      new UploadRefused('type'),
    );
    await expect(through([])).rejects.toEqual(new UploadRefused('empty'));
    await expect(through([PDF, Buffer.alloc(600), Buffer.alloc(600)])).rejects.toEqual(
      new UploadRefused('size'),
    );
  });
});
