import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalData } from './logger.ts';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, stream };
}

describe('logging keeps personal identifiers out', () => {
  it('masks FİN and ID card numbers in text', () => {
    expect(maskPersonalData('person 5ABC12D card AZE12345678 ok')).toBe(
      'person ******* card AZE******** ok',
    );
    // Ordinary words and numbers are left alone.
    expect(maskPersonalData('REQUEST 1234567 EHIS')).toBe('REQUEST 1234567 EHIS');
  });

  it('masks messages, nested fields, personal keys and errors', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info(
      { fin: '5ABC12D', nested: { note: 'for 5ABC12D' }, person: { firstName: 'Aysel' } },
      'lookup 5ABC12D',
    );
    logger.error({ err: new Error('no person 5ABC12D with AZE12345678') }, 'failed');
    const text = lines.join('\n');
    expect(lines).toHaveLength(2);
    expect(text).not.toContain('5ABC12D');
    expect(text).not.toContain('AZE12345678');
    expect(text).not.toContain('Aysel');
    expect(text).toContain('lookup *******');
  });
});
