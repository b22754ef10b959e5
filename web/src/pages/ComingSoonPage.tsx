import { useTranslation } from 'react-i18next';
import type { ComingSoonPageKey } from '../routes.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function ComingSoonPage({ page }: { page: ComingSoonPageKey }) {
  const { t } = useTranslation();
  const title = t(`pages.${page}.title`);
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t(`pages.${page}.description`)}</p>
      <div className="notice">
        <strong className="tag">{t('comingSoon.badge')}</strong>
        <p>{t('comingSoon.text')}</p>
      </div>
    </>
  );
}
