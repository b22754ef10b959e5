import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { az, en, ru } from './catalogs.ts';

/** Azerbaijani first: it is the state language and the default for every visitor. */
export const LANGUAGES = ['az', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'az';

const STORAGE_KEY = 'ehis.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** localStorage throws in some privacy modes; the portal must still work, just without memory. */
function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; failing the switch is not.
  }
}

/** The language the API should answer in (sent as Accept-Language). */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : DEFAULT_LANGUAGE;
}

export async function setLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18next.changeLanguage(language);
}

// Screen readers pick their pronunciation from <html lang>, so it must follow every change.
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
});

// Catalogs are bundled (they are small), so initialisation is synchronous and the first paint is
// already in the right language — no flash of untranslated keys.
void i18next.use(initReactI18next).init({
  resources: { az: { translation: az }, en: { translation: en }, ru: { translation: ru } },
  lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // React escapes output itself; escaping here would double-escape names such as "O'Neil".
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next as i18n };
