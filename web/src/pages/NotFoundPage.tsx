import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  const title = t('notFound.title');
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
