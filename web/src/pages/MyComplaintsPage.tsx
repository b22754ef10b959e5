import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { RemoteList } from '../components/RemoteList.tsx';
import { useAgencyName } from '../components/portal/use-agency-names.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { parseComplaints, type Complaint } from '../portal-api.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

function StatusTag({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  if (complaint.status === 'answered') {
    return <strong className="tag tag--green">{t('portal.complaints.status.answered')}</strong>;
  }
  if (complaint.overdue) {
    return <strong className="tag tag--red">{t('portal.complaints.status.overdue')}</strong>;
  }
  return <strong className="tag">{t('portal.complaints.status.received')}</strong>;
}

function ComplaintList() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const agencyName = useAgencyName();
  const { remote, retry } = useApi('/api/me/complaints', parseComplaints);
  return (
    <RemoteList
      remote={remote}
      retry={retry}
      summary={t('portal.complaints.title')}
      empty={t('portal.complaints.empty')}
    >
      {(complaints) => (
        <>
          <p className="result-count" role="status">
            {t('portal.complaints.count', { count: complaints.length })}
          </p>
          <ul className="service-list">
            {complaints.map((c) => {
              const agency = agencyName(c.agency);
              return (
                <li key={c.complaintId} className="service-list__item">
                  <h2 className="service-list__title">{c.subject}</h2>
                  <dl className="summary-list">
                    <dt>{t('portal.complaints.fields.status')}</dt>
                    <dd>
                      <StatusTag complaint={c} />
                    </dd>
                    <dt>{t('portal.complaints.fields.service')}</dt>
                    <dd>
                      <Link to={`/services/${c.registryNumber}`}>{c.registryNumber}</Link>
                      {' — '}
                      <span lang={agency.lang}>{agency.text}</span>
                    </dd>
                    {c.requestId !== null && (
                      <>
                        <dt>{t('portal.complaints.fields.requestId')}</dt>
                        <dd>{c.requestId}</dd>
                      </>
                    )}
                    <dt>{t('portal.complaints.fields.filedAt')}</dt>
                    <dd>{formatDateTime(c.filedAt, language)}</dd>
                    <dt>{t('portal.complaints.fields.dueDate')}</dt>
                    <dd>
                      {t('portal.complaints.days', {
                        days: c.periodDays,
                        date: formatDate(c.dueDate, language),
                      })}
                    </dd>
                    {c.extension !== null && (
                      <>
                        <dt>{t('portal.complaints.fields.extension')}</dt>
                        <dd>{c.extension.reason}</dd>
                      </>
                    )}
                    {c.answer !== null && (
                      <>
                        <dt>{t('portal.complaints.fields.answeredAt')}</dt>
                        <dd>{formatDateTime(c.answer.answeredAt, language)}</dd>
                      </>
                    )}
                  </dl>
                  {c.answer !== null && (
                    <div className="panel">
                      <h3 className="panel__title">{t('portal.complaints.fields.answer')}</h3>
                      <p className="preserve-lines">{c.answer.text}</p>
                      <p className="hint">{t('portal.courtNote')}</p>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </RemoteList>
  );
}

/** /complaints (listMyComplaints): status, due date and answer of each complaint. */
export function MyComplaintsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('portal.complaints.title'));
  return (
    <>
      <h1>{t('portal.complaints.title')}</h1>
      <p className="lead">{t('portal.complaints.lead')}</p>
      {me === undefined ? (
        <p>{t('auth.loading')}</p>
      ) : me === null ? (
        <>
          <p>{t('portal.complaints.loginFirst')}</p>
          <p>
            <Link to="/login?return=/complaints" className="button">
              {t('auth.header.login')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            <Link to="/complaints/new" className="button">
              {t('portal.complaints.newLink')}
            </Link>
          </p>
          {/* Keyed by the person acted for: switching loads that person's complaints. */}
          <ComplaintList key={me.actingFor?.fin ?? me.fin ?? ''} />
        </>
      )}
    </>
  );
}
