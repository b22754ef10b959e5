import coreAz from './az.json' with { type: 'json' };
import coreEn from './en.json' with { type: 'json' };
import coreRu from './ru.json' with { type: 'json' };
import authAz from './auth/az.json' with { type: 'json' };
import authEn from './auth/en.json' with { type: 'json' };
import authRu from './auth/ru.json' with { type: 'json' };

/**
 * The catalogs of every feature, merged: the core file plus one folder per feature
 * (`<feature>/{az,en,ru}.json`, keys under the feature's name), so that features are translated
 * side by side without editing one large file. Azerbaijani is the reference
 * (test/web-catalogs.test.ts keeps en and ru in step).
 */
export const az = { ...coreAz, auth: authAz };
export const en = { ...coreEn, auth: authEn };
export const ru = { ...coreRu, auth: authRu };
