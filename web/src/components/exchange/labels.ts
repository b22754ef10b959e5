import type { TFunction } from 'i18next';
import { isOneOf } from '../../api.ts';
import { DATA_CLASSIFICATIONS, MEMBER_STATUSES } from '../../exchange-api.ts';
import type { Language } from '../../i18n/index.ts';

/**
 * The exchange names members and services in Azerbaijani and English only: Azerbaijani for an
 * Azerbaijani page, English otherwise. `lang` marks the text for screen readers when it is not
 * in the page's language (English on a Russian page).
 */
export function localised(
  language: Language,
  az: string,
  en: string,
): { text: string; lang: 'az' | 'en' } {
  return language === 'az' ? { text: az, lang: 'az' } : { text: en, lang: 'en' };
}

export function memberStatusLabel(t: TFunction, status: string): string {
  return isOneOf(MEMBER_STATUSES, status) ? t(`operator.members.status.${status}`) : status;
}

export function classificationLabel(t: TFunction, classification: string): string {
  return isOneOf(DATA_CLASSIFICATIONS, classification)
    ? t(`operator.services.classification.${classification}`)
    : classification;
}
