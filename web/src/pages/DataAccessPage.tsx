import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { arrayOf, isRecord, type Parser } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { parseRepresentedList } from '../components/profile/RepresentedSection.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { RemoteList } from '../components/RemoteList.tsx';
import { formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

interface DataAccess {
  subjectFin: string;
  at: string;
  member: string;
  agency: string | null;
  system: string;
  service: string;
  purpose: string | null;
  legalBasis: string | null;
  outcome: string;
}

const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

const parseAccess: Parser<DataAccess> = (value) => {
  if (!isRecord(value)) return undefined;
  const { subjectFin, at, member, agency, system, service, purpose, legalBasis, outcome } = value;
  if (![subjectFin, at, member, system, service, outcome].every(str)) return undefined;
  if (![agency, purpose, legalBasis].every(strOrNull)) return undefined;
  return value as unknown as DataAccess;
};
const parseAccesses = arrayOf(parseAccess);

interface Filters {
  subject: string;
  from: string;
  to: string;
  member: string;
}

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.subject !== '') params.set('subject', filters.subject);
  if (filters.from !== '')
    params.set('from', new Date(`${filters.from}T00:00:00+04:00`).toISOString());
  if (filters.to !== '') params.set('to', new Date(`${filters.to}T23:59:59+04:00`).toISOString());
  if (filters.member.trim() !== '') params.set('member', filters.member.trim());
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

function AccessTable({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { remote, retry } = useApi(`/api/me/data-accesses${queryOf(filters)}`, parseAccesses);
  const outcome = (value: string) =>
    value === 'success' || value === 'refused' || value === 'error'
      ? t(`auth.dataAccess.outcomes.${value}`)
      : value;
  return (
    <RemoteList
      remote={remote}
      retry={retry}
      summary={t('auth.dataAccess.title')}
      empty={t('auth.dataAccess.empty')}
    >
      {(accesses) => (
        <>
          <p className="result-count" role="status">
            {t('auth.dataAccess.count', { count: accesses.length })}
          </p>
          <StackedTable
            dense
            caption={t('auth.dataAccess.caption')}
            columns={[
              { key: 'at', label: t('auth.dataAccess.at') },
              { key: 'agency', label: t('auth.dataAccess.agencyColumn') },
              { key: 'system', label: t('auth.dataAccess.system') },
              { key: 'service', label: t('auth.dataAccess.serviceColumn') },
              { key: 'purpose', label: t('auth.dataAccess.purpose') },
              { key: 'legalBasis', label: t('auth.dataAccess.legalBasis') },
              { key: 'outcome', label: t('auth.dataAccess.outcome') },
            ]}
          >
            {accesses.map((a, index) => (
              <tr role="row" key={`${a.at}-${index}`}>
                <td role="cell" data-label={t('auth.dataAccess.at')}>
                  {formatDateTime(a.at, language)}
                </td>
                <td role="cell" data-label={t('auth.dataAccess.agencyColumn')}>
                  {a.agency ?? a.member}
                </td>
                <td role="cell" data-label={t('auth.dataAccess.system')}>
                  {a.system}
                </td>
                <td role="cell" data-label={t('auth.dataAccess.serviceColumn')}>
                  <code>{a.service}</code>
                </td>
                <td role="cell" data-label={t('auth.dataAccess.purpose')}>
                  {a.purpose ?? '—'}
                </td>
                <td role="cell" data-label={t('auth.dataAccess.legalBasis')}>
                  {a.legalBasis ?? '—'}
                </td>
                <td role="cell" data-label={t('auth.dataAccess.outcome')}>
                  {outcome(a.outcome)}
                </td>
              </tr>
            ))}
          </StackedTable>
        </>
      )}
    </RemoteList>
  );
}

/** /data-access: "Who used my data" (listMyDataAccesses) with filters. */
export function DataAccessPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('auth.dataAccess.title'));
  const id = useId();
  const represented = useApi('/api/me/represented', parseRepresentedList);
  const empty: Filters = { subject: '', from: '', to: '', member: '' };
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);

  if (me === undefined) return <p>{t('auth.loading')}</p>;
  if (me === null) {
    return (
      <>
        <h1>{t('auth.dataAccess.title')}</h1>
        <p>{t('auth.profile.notLoggedIn')}</p>
        <p>
          <Link to="/login?return=/data-access" className="button">
            {t('auth.header.login')}
          </Link>
        </p>
      </>
    );
  }

  function apply(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setFilters(draft);
  }

  const people = represented.remote.state === 'ok' ? represented.remote.data : [];
  return (
    <>
      <h1>{t('auth.dataAccess.title')}</h1>
      <p className="lead">{t('auth.dataAccess.lead')}</p>
      <form className="toolbar" onSubmit={apply}>
        <div className="form-group">
          <label className="label" htmlFor={`${id}-subject`}>
            {t('auth.dataAccess.subject')}
          </label>
          <select
            id={`${id}-subject`}
            className="select"
            value={draft.subject}
            onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
          >
            <option value="">{t('auth.dataAccess.me')}</option>
            {people.map((p) => (
              <option key={p.fin} value={p.fin}>
                {p.firstName} {p.lastName}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${id}-from`}>
            {t('auth.dataAccess.from')}
          </label>
          <input
            id={`${id}-from`}
            className="input"
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${id}-to`}>
            {t('auth.dataAccess.to')}
          </label>
          <input
            id={`${id}-to`}
            className="input"
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${id}-member`}>
            {t('auth.dataAccess.agency')}
          </label>
          <input
            id={`${id}-member`}
            className="input"
            value={draft.member}
            onChange={(event) => setDraft({ ...draft, member: event.target.value })}
          />
        </div>
        <button type="submit" className="button">
          {t('auth.dataAccess.apply')}
        </button>
      </form>
      <AccessTable filters={filters} />
    </>
  );
}
