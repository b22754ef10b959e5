/** The portal's languages: Azerbaijani first (the default), English, Russian. */
export const LANGS = ['az', 'en', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'az';

export type Translated = Readonly<Record<Lang, string>>;

function asLang(tag: string): Lang | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return LANGS.find((lang) => lang === primary);
}

/**
 * Picks the language from an Accept-Language header (RFC 9110 §12.5.4): the supported language
 * with the highest q-value; Azerbaijani when none is supported.
 */
export function resolveLang(acceptLanguage: string | undefined): Lang {
  if (acceptLanguage === undefined || acceptLanguage === '') return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of acceptLanguage.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.split(';');
    const lang = asLang(tag);
    if (lang === undefined) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === undefined || q > best.q) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

/** Fills `{name}` placeholders; unknown names stay visible so a missing parameter is noticed. */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
