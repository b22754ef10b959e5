import { describe, expect, it } from 'vitest';
import { az, en, ru } from '../web/src/i18n/catalogs.ts';

/** Flattens a nested catalog to `dotted.key → value`, keeping non-string leaves for the check. */
function flatten(catalog: unknown, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  if (typeof catalog === 'object' && catalog !== null && !Array.isArray(catalog)) {
    for (const [key, value] of Object.entries(catalog)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [childKey, childValue] of flatten(value, path))
          entries.set(childKey, childValue);
      } else {
        entries.set(path, value);
      }
    }
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const catalogs = { az: flatten(az), en: flatten(en), ru: flatten(ru) };
const reference = [...catalogs.az.keys()].sort();

// Every visible string of the web app comes from these catalogs (az first, then en and ru).
describe('web message catalogs', () => {
  it('the Azerbaijani reference catalog is not empty', () => {
    expect(reference.length).toBeGreaterThan(0);
  });

  for (const [language, catalog] of Object.entries(catalogs)) {
    it(`${language} has exactly the keys of az`, () => {
      expect([...catalog.keys()].sort()).toEqual(reference);
    });

    it(`${language} has only non-empty strings`, () => {
      const bad = [...catalog].filter(
        ([, value]) => typeof value !== 'string' || value.trim() === '',
      );
      expect(bad.map(([key]) => key)).toEqual([]);
    });

    it(`${language} uses the same {{placeholders}} as az in every message`, () => {
      const mismatched = reference.filter((key) => {
        const value = catalog.get(key);
        const base = catalogs.az.get(key);
        if (typeof value !== 'string' || typeof base !== 'string') return false;
        return placeholders(value).join() !== placeholders(base).join();
      });
      expect(mismatched).toEqual([]);
    });
  }
});
