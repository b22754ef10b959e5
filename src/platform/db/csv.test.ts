import { describe, expect, it } from 'vitest';
import { byKey, toCsv } from './csv.ts';

describe('CSV for COPY', () => {
  it('quotes what needs quoting; NULL is empty, the empty string is ""', () => {
    expect(
      toCsv([{ a: 'x,y', b: null, c: '', d: 'say "hi"', e: 3 }], (r) => [r.a, r.b, r.c, r.d, r.e]),
    ).toBe('"x,y",,"","say ""hi""",3\n');
    expect(toCsv([{ a: 'two\nlines' }], (r) => [r.a])).toBe('"two\nlines"\n');
  });

  it('sorts rows by key without changing the input', () => {
    const rows = [{ k: 'B' }, { k: 'A' }, { k: 'C' }];
    expect(byKey(rows, (r) => r.k).map((r) => r.k)).toEqual(['A', 'B', 'C']);
    expect(rows.map((r) => r.k)).toEqual(['B', 'A', 'C']);
  });
});
