import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/platform/errors/app-error.ts';
// Importing the app loads every module, and with them every error definition.
import '../../src/app.ts';
import '../../src/platform/platform.ts';

describe('the error catalogue', () => {
  it('every problem type the API can return is documented in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const types = errorCatalogue().map((definition) => definition.type);
    expect(types.length).toBeGreaterThan(5);
    const missing = types.filter((type) => !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });

  it('every error has a title in Azerbaijani, English and Russian', () => {
    for (const definition of errorCatalogue()) {
      for (const lang of ['az', 'en', 'ru'] as const) {
        expect(definition.title[lang].length, `${definition.type} ${lang}`).toBeGreaterThan(0);
      }
    }
  });
});
