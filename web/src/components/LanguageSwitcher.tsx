import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage } from '../i18n/index.ts';

/**
 * Toggle buttons rather than a <select>: one tap on a phone, and every option is visible to
 * someone who cannot read the current language. Each name is written in its own language and
 * marked with `lang` so a screen reader pronounces it correctly.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const labelId = useId();
  const current = currentLanguage();
  return (
    <div className="language-switcher" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {t('language.label')}
      </span>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switcher__option"
          aria-pressed={language === current}
          onClick={() => void setLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
