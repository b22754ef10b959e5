import { describe, expect, it } from 'vitest';
import { canonicalJson as serverCanonicalJson } from '../src/registry/canonical-json.ts';
import { canonicalJson as webCanonicalJson } from '../web/src/canonical-json.ts';

/**
 * The registry cabinet signs the canonical JSON of an application's fields in the browser; the
 * server recomputes it from the fields it receives (REG-003-A2-N2). One different byte and every
 * signature fails, so the web copy must give exactly the server's text.
 */
const TRICKY: readonly unknown[] = [
  {
    kind: 'register',
    provider: 'health',
    nameAz: 'Səhiyyə: İŞĞÖÇÜ ığüşöçə — "dırnaq" \\ əks xətt',
    nameEn: 'Line\nbreak\ttab\u0000nul\u001f unit\u2028LS\u2029PS',
    otherExecutors: [],
    contentAz: '😀 surrogate pair, lone \ud800 high and \udc00 low',
    contentEn: "</script> & < > ' `",
    legalBasis: [{ legalActId: 'decree-429-2011', clauses: '2-ci bənd' }],
    type: 'interactive',
    paid: false,
    users: ['natural-persons', 'legal-persons'],
    webAddress: 'https://www.e-gov.az/?a=1&b=ə',
    domain: 'health',
    registryNumber: undefined,
  },
  // Keys that sort differently by code unit than by locale or code point.
  { b: 1, a: 2, A: 3, é: 4, e: 5, '\ud83d\ude00': 6, '\uffff': 7, '': 8, a1: 9, 'a-': 10 },
  [[], {}, [{}], null, true, false, 0, -0, 1e21, 123456789, -7],
  'plain',
];

describe('canonical JSON in the web app', () => {
  it('REG-003-A2-N2: gives byte-identical text to the server for awkward inputs', () => {
    for (const value of TRICKY) {
      const web = new TextEncoder().encode(webCanonicalJson(value));
      const server = new TextEncoder().encode(serverCanonicalJson(value));
      expect(web).toEqual(server);
    }
  });

  it('REG-003-A2-N2: sorts keys by UTF-16 code units and writes no whitespace', () => {
    expect(webCanonicalJson({ b: [1, { d: true, c: null }], a: 'x', B: 'y' })).toBe(
      '{"B":"y","a":"x","b":[1,{"c":null,"d":true}]}',
    );
    // U+1F600 (surrogates D83D DE00) sorts before U+FFFF by code units, after it by code points.
    expect(webCanonicalJson({ '\uffff': 1, '\ud83d\ude00': 2 })).toBe('{"😀":2,"￿":1}');
    expect(webCanonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what has no canonical form, like the server', () => {
    expect(() => webCanonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => serverCanonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => webCanonicalJson(() => 1)).toThrow(TypeError);
  });
});
