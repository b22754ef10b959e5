import { useTranslation } from 'react-i18next';
import { parseHealth } from '../api.ts';
import { DemoPersons } from '../components/DemoPersons.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.home'));
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <p>{t('home.about')}</p>
      <SystemStatus />
      <DemoPersons />
    </>
  );
}

/** /api/health answers 503 with the same body when the database is unreachable. */
const HEALTH_STATUSES = [503] as const;

function SystemStatus() {
  const { t } = useTranslation();
  const { remote, retry } = useApi('/api/health', parseHealth, { acceptStatuses: HEALTH_STATUSES });
  let content;
  switch (remote.state) {
    case 'loading':
      content = (
        <p className="status-line" role="status">
          {t('status.loading')}
        </p>
      );
      break;
    case 'ok': {
      const { status, db, version } = remote.data;
      const healthy = status === 'ok';
      content = (
        <p className={`status-line status-line--${healthy ? 'ok' : 'warning'}`} role="status">
          <span className="status-line__dot" aria-hidden="true" />
          {healthy ? t('status.ok', { db, version }) : t('status.unavailable')}
        </p>
      );
      break;
    }
    case 'error':
      content = <ErrorMessage summary={t('status.error')} error={remote.error} onRetry={retry} />;
      break;
  }
  return (
    <section className="section" aria-labelledby="system-status-heading">
      <h2 id="system-status-heading">{t('status.heading')}</h2>
      {/* The loading and result lines are the same live <p>, so the result is announced. */}
      {content}
    </section>
  );
}
