import { describe, expect, it } from 'vitest';
import { parseCsvBatch, parseJsonBatch } from './batch-content.ts';

describe('EHIS-004-4.4: batch content, parsed row by row', () => {
  it('CSV: a header row names the fields; quotes hold commas, line breaks and doubled quotes', () => {
    const csv =
      '\uFEFFfin,name,note\r\n5ABC12D,"Əliyev, Rəşad","said ""hi""\nand left"\r\n\r\n1ABC234,Leyla,\n';
    expect(parseCsvBatch(csv, 10, 'en')).toEqual({
      ok: true,
      rows: [
        {
          index: 0,
          line: 2,
          value: { fin: '5ABC12D', name: 'Əliyev, Rəşad', note: 'said "hi"\nand left' },
        },
        // An empty unquoted cell leaves the field out; the blank line is skipped.
        { index: 1, line: 5, value: { fin: '1ABC234', name: 'Leyla' } },
      ],
    });
  });

  it('CSV: a quoted empty cell is the empty string', () => {
    expect(parseCsvBatch('a,b\n"",x', 10, 'en')).toMatchObject({
      ok: true,
      rows: [{ value: { a: '', b: 'x' } }],
    });
  });

  it('CSV: a row with the wrong number of fields is reported with its line', () => {
    expect(parseCsvBatch('a,b\n1,2\n1,2,3\n', 10, 'en')).toEqual({
      ok: false,
      errors: [
        {
          index: 1,
          line: 3,
          errors: [{ pointer: '#', detail: 'The row has 3 fields; the header has 2.' }],
        },
      ],
    });
  });

  it('CSV: an unclosed quote, a stray quote and a bad header are content errors', () => {
    expect(parseCsvBatch('a,b\n1,"2\n', 10, 'en')).toMatchObject({
      ok: false,
      errors: [{ index: -1, line: 2 }],
    });
    expect(parseCsvBatch('a,b\n1,x"y\n', 10, 'az')).toMatchObject({
      ok: false,
      errors: [{ index: -1, errors: [{ pointer: '#/content' }] }],
    });
    expect(parseCsvBatch('a,a\n1,2\n', 10, 'ru')).toMatchObject({ ok: false });
    expect(parseCsvBatch('a,b\n', 10, 'en')).toMatchObject({ ok: false });
  });

  it('CSV and JSON: more rows than the limit are counted, not parsed into objects', () => {
    expect(parseCsvBatch('a\n1\n2\n3\n', 2, 'en')).toEqual({ ok: false, tooMany: 3 });
    expect(parseJsonBatch('[{},{},{}]', 2, 'en')).toEqual({ ok: false, tooMany: 3 });
  });

  it('JSON: an array of objects; anything else is reported', () => {
    expect(parseJsonBatch('[{"a":1},{"a":2}]', 10, 'en')).toEqual({
      ok: true,
      rows: [
        { index: 0, value: { a: 1 } },
        { index: 1, value: { a: 2 } },
      ],
    });
    expect(parseJsonBatch('[{"a":1},3,null]', 10, 'en')).toMatchObject({
      ok: false,
      errors: [{ index: 1 }, { index: 2 }],
    });
    expect(parseJsonBatch('{"a":1}', 10, 'en')).toMatchObject({ ok: false });
    expect(parseJsonBatch('[', 10, 'en')).toMatchObject({ ok: false });
    expect(parseJsonBatch('[]', 10, 'en')).toMatchObject({ ok: false });
  });
});
