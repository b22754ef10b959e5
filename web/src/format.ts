import type { Language } from './i18n/index.ts';

/** The locale each interface language formats dates and numbers in. */
export const LOCALES: Record<Language, string> = { az: 'az-Latn-AZ', en: 'en-GB', ru: 'ru-RU' };

type Parts = (type: Intl.DateTimeFormatPartTypes) => string;

function partsOf(format: Intl.DateTimeFormat, date: Date): Parts {
  const parts = format.formatToParts(date);
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

/** A calendar day (e.g. a birth date): dd.mm.yyyy in Azerbaijani, the locale's form otherwise. */
export function formatDate(isoDate: string, language: Language): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  // UTC on both sides: a calendar day is not an instant in the viewer's zone.
  const format = new Intl.DateTimeFormat(LOCALES[language], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  });
  if (language !== 'az') return format.format(date);
  // Some ICU builds render Azerbaijani dates as ISO; Azerbaijani documents write dd.mm.yyyy.
  const part = partsOf(format, date);
  return `${part('day')}.${part('month')}.${part('year')}`;
}

/** An instant (e.g. when a grant was revoked), in the viewer's time zone, to the minute. */
export function formatDateTime(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  const format = new Intl.DateTimeFormat(LOCALES[language], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  if (language !== 'az') return format.format(date);
  const part = partsOf(format, date);
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/**
 * A number in the language's convention. Azerbaijani writes 1.234,5; Chromium's reduced ICU data
 * may lack the Azerbaijani locale and fall back to 1,234.5, so its separators are set here.
 */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  if (language !== 'az') {
    return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits })
    .formatToParts(value)
    .map((part) => (part.type === 'group' ? '.' : part.type === 'decimal' ? ',' : part.value))
    .join('');
}
