import 'i18next';
import type { az } from './catalogs.ts';

// Typed keys: `t('nav.hme')` is a compile error, so a typo cannot ship an untranslated key.
// The Azerbaijani catalog is the reference; test/web-catalogs.test.ts keeps en and ru in step.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof az };
  }
}
