import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RemoteList } from '../components/RemoteList.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useAgencyName } from '../components/portal/use-agency-names.ts';
import { formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { isOneOf } from '../api.ts';
import { parseDraftActList, type DraftActList, type DraftActSummary } from '../portal-api.ts';
import { localName } from '../registry-api.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import type { Remote } from '../use-api.ts';

const FILTERS = ['all', 'open', 'closed'] as const;
type Filter = (typeof FILTERS)[number];

function itemsOf(remote: Remote<DraftActList>): Remote<readonly DraftActSummary[]> {
  return remote.state === 'ok' ? { state: 'ok', data: remote.data.items } : remote;
}

/** /discussions (listDraftActs): drafts of legal acts under public discussion and closed ones. */
export function DiscussionsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  useDocumentTitle(t('portal.discussions.title'));
  const agencyName = useAgencyName();
  const [filter, setFilter] = useState<Filter>('all');
  const query = filter === 'all' ? '' : `&status=${filter}`;
  const { remote, retry } = useApi(`/api/draft-acts?pageSize=100${query}`, parseDraftActList);

  return (
    <>
      <h1>{t('portal.discussions.title')}</h1>
      <p className="lead">{t('portal.discussions.lead')}</p>
      <SelectField
        label={t('portal.discussions.filterStatus')}
        value={filter}
        options={FILTERS}
        optionLabel={(value) =>
          value === 'all'
            ? t('portal.discussions.statusAll')
            : t(`portal.discussions.status.${value}`)
        }
        isOption={(value): value is Filter => isOneOf(FILTERS, value)}
        onChange={setFilter}
      />
      <RemoteList
        remote={itemsOf(remote)}
        retry={retry}
        summary={t('portal.discussions.title')}
        empty={t('portal.discussions.empty')}
      >
        {(items) => (
          <>
            <p className="result-count" role="status">
              {t('portal.discussions.count', {
                count: remote.state === 'ok' ? remote.data.total : items.length,
              })}
            </p>
            <ul className="service-list">
              {items.map((d) => {
                const title = localName(d.title, language);
                const agency = agencyName(d.agency);
                return (
                  <li key={d.draftActId} className="service-list__item">
                    <h2 className="service-list__title" lang={title.lang}>
                      <Link to={`/discussions/${d.draftActId}`}>{title.text}</Link>
                    </h2>
                    <p className="tag-list">
                      <span className={d.status === 'open' ? 'tag tag--green' : 'tag tag--grey'}>
                        {t(`portal.discussions.status.${d.status}`)}
                      </span>
                      <span className="tag tag--grey">
                        {t(`portal.discussions.kind.${d.kind}`)}
                      </span>
                    </p>
                    <dl className="summary-list">
                      <dt>{t('portal.discussions.agency')}</dt>
                      <dd lang={agency.lang}>{agency.text}</dd>
                      <dt>{t('portal.discussions.closesAt')}</dt>
                      <dd>{formatDateTime(d.closesAt, language)}</dd>
                    </dl>
                    <p className="secondary-text">
                      {t('portal.discussions.comments', { count: d.commentCount })}
                    </p>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </RemoteList>
    </>
  );
}
