import coreAz from './az.json' with { type: 'json' };
import coreEn from './en.json' with { type: 'json' };
import coreRu from './ru.json' with { type: 'json' };
import authAz from './auth/az.json' with { type: 'json' };
import authEn from './auth/en.json' with { type: 'json' };
import authRu from './auth/ru.json' with { type: 'json' };
import devicesAz from './devices/az.json' with { type: 'json' };
import devicesEn from './devices/en.json' with { type: 'json' };
import devicesRu from './devices/ru.json' with { type: 'json' };
import certificatesAz from './certificates/az.json' with { type: 'json' };
import certificatesEn from './certificates/en.json' with { type: 'json' };
import certificatesRu from './certificates/ru.json' with { type: 'json' };
import staffAz from './staff/az.json' with { type: 'json' };
import staffEn from './staff/en.json' with { type: 'json' };
import staffRu from './staff/ru.json' with { type: 'json' };
import passkeysAz from './passkeys/az.json' with { type: 'json' };
import passkeysEn from './passkeys/en.json' with { type: 'json' };
import passkeysRu from './passkeys/ru.json' with { type: 'json' };
import registryAz from './registry/az.json' with { type: 'json' };
import registryEn from './registry/en.json' with { type: 'json' };
import registryRu from './registry/ru.json' with { type: 'json' };
import portalAz from './portal/az.json' with { type: 'json' };
import portalEn from './portal/en.json' with { type: 'json' };
import portalRu from './portal/ru.json' with { type: 'json' };

/**
 * The catalogs of every feature, merged: the core file plus one folder per feature
 * (`<feature>/{az,en,ru}.json`, keys under the feature's name), so that features are translated
 * side by side without editing one large file. Azerbaijani is the reference
 * (test/web-catalogs.test.ts keeps en and ru in step).
 */
export const az = {
  ...coreAz,
  passkeys: passkeysAz,
  auth: authAz,
  devices: devicesAz,
  certificates: certificatesAz,
  staff: staffAz,
  registry: registryAz,
  portal: portalAz,
};
export const en = {
  ...coreEn,
  passkeys: passkeysEn,
  auth: authEn,
  devices: devicesEn,
  certificates: certificatesEn,
  staff: staffEn,
  registry: registryEn,
  portal: portalEn,
};
export const ru = {
  ...coreRu,
  passkeys: passkeysRu,
  auth: authRu,
  devices: devicesRu,
  certificates: certificatesRu,
  staff: staffRu,
  registry: registryRu,
  portal: portalRu,
};
