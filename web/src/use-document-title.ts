import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab title is the first thing a screen reader announces after navigation. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('meta.title', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
