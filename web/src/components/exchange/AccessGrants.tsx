import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { postJson } from '../../api.ts';
import {
  parseAccessGrant,
  parseAccessGrants,
  type AccessGrant,
  type ExchangeService,
  type LegalAct,
} from '../../exchange-api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { currentLanguage, type Language } from '../../i18n/index.ts';
import { useApi, type Remote } from '../../use-api.ts';
import { CodePath } from './CodePath.tsx';
import { localised } from './labels.ts';
import { OperatorErrorMessage } from './OperatorErrorMessage.tsx';
import { ReasonDialog } from './ReasonDialog.tsx';
import { SelectField } from '../SelectField.tsx';
import { StackedTable } from '../StackedTable.tsx';

const FILTERS = ['all', 'active', 'inactive'] as const;
type GrantFilter = (typeof FILTERS)[number];

/** The API lists 100 grants unless asked for more; 500 is its maximum. */
const GRANTS_PATH = '/api/exchange/grants?limit=500';
const PATHS: Record<GrantFilter, string> = {
  all: GRANTS_PATH,
  active: `${GRANTS_PATH}&active=true`,
  inactive: `${GRANTS_PATH}&active=false`,
};

type GrantState = 'active' | 'revoked' | 'inactive';
const STATE_TAGS: Record<GrantState, string> = {
  active: 'tag--green',
  revoked: 'tag--red',
  inactive: 'tag--grey',
};

function grantState(grant: AccessGrant): GrantState {
  if (grant.revokedAt !== null) return 'revoked';
  // Not revoked but not in force: before validFrom or after validUntil.
  return grant.active ? 'active' : 'inactive';
}

function isGrantFilter(value: string): value is GrantFilter {
  return FILTERS.some((filter) => filter === value);
}

interface Lookups {
  readonly services: ReadonlyMap<string, ExchangeService>;
  readonly acts: ReadonlyMap<string, LegalAct>;
}

function byId<T extends { id: string }>(remote: Remote<T[]>): ReadonlyMap<string, T> {
  return new Map(remote.state === 'ok' ? remote.data.map((item) => [item.id, item]) : []);
}

/**
 * Access grants (EHIS-001-5.1): which client subsystem may call which service, on which legal act
 * and article, for which purposes and how long; the operator revokes one with a reason. Service
 * titles and act titles come from the public catalogues when they have loaded, codes otherwise.
 */
export function AccessGrants({
  headingId,
  services,
  legalActs,
}: {
  headingId: string;
  services: Remote<ExchangeService[]>;
  legalActs: Remote<LegalAct[]>;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<GrantFilter>('all');
  const { remote, retry, reload } = useApi(PATHS[filter], parseAccessGrants);
  const [pending, setPending] = useState<AccessGrant>();
  const [revoked, setRevoked] = useState<AccessGrant>();
  const lookups = useMemo<Lookups>(
    () => ({ services: byId(services), acts: byId(legalActs) }),
    [services, legalActs],
  );

  async function revoke(grant: AccessGrant, reason: string): Promise<void> {
    await postJson(
      `/api/exchange/grants/${encodeURIComponent(grant.id)}/revoke`,
      { reason },
      parseAccessGrant,
    );
    setRevoked(grant);
    reload();
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('operator.grants.heading')}</h2>
      <p>{t('operator.grants.intro')}</p>
      <SelectField
        label={t('operator.grants.filterLabel')}
        value={filter}
        options={FILTERS}
        optionLabel={(value) => t(`operator.grants.filter.${value}`)}
        isOption={isGrantFilter}
        onChange={setFilter}
      />
      <div role="status" className={revoked === undefined ? undefined : 'success-message'}>
        {revoked !== undefined &&
          t('operator.grants.revoked', { client: revoked.client, service: revoked.service })}
      </div>
      {remote.state === 'loading' && <p role="status">{t('operator.grants.loading')}</p>}
      {remote.state === 'error' && (
        <OperatorErrorMessage
          summary={t('operator.grants.error')}
          error={remote.error}
          onRetry={retry}
          linkToLogin
        />
      )}
      {remote.state === 'ok' && (
        <GrantTable
          grants={remote.data}
          lookups={lookups}
          onRevoke={(grant) => {
            setRevoked(undefined);
            setPending(grant);
          }}
        />
      )}
      {pending !== undefined && (
        <ReasonDialog
          title={t('operator.grants.revokeTitle')}
          description={t('operator.grants.revokeDescription', {
            client: pending.client,
            service: pending.service,
          })}
          submitLabel={t('operator.grants.revoke')}
          destructive
          onSubmit={(reason) => revoke(pending, reason)}
          onClose={() => setPending(undefined)}
        />
      )}
    </section>
  );
}

function legalBasisDetails(t: TFunction, grant: AccessGrant, language: Language): string {
  const { actNumber, actDate, article } = grant.legalBasis;
  const parts: string[] = [];
  if (actNumber !== null) parts.push(t('operator.grants.actNumber', { number: actNumber }));
  if (actDate !== null) {
    parts.push(t('operator.grants.actDate', { date: formatDate(actDate, language) }));
  }
  if (article !== null) parts.push(t('operator.grants.article', { article }));
  return parts.join(', ');
}

function GrantTable({
  grants,
  lookups,
  onRevoke,
}: {
  grants: readonly AccessGrant[];
  lookups: Lookups;
  onRevoke: (grant: AccessGrant) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (grants.length === 0) return <p>{t('operator.grants.empty')}</p>;
  return (
    <>
      <p className="result-count">{t('operator.grants.count', { count: grants.length })}</p>
      <StackedTable
        caption={t('operator.grants.caption')}
        columns={[
          { key: 'service', label: t('operator.grants.columns.service') },
          { key: 'client', label: t('operator.grants.columns.client') },
          { key: 'legalBasis', label: t('operator.grants.columns.legalBasis') },
          { key: 'purposes', label: t('operator.grants.columns.purposes') },
          { key: 'status', label: t('operator.grants.columns.status') },
          { key: 'actions', label: t('operator.grants.columns.actions') },
        ]}
        dense
      >
        {grants.map((grant) => {
          const service = lookups.services.get(grant.service);
          const title =
            service === undefined
              ? undefined
              : localised(language, service.titleAz, service.titleEn);
          const act = lookups.acts.get(grant.legalBasis.actId);
          const actTitle =
            act === undefined ? undefined : localised(language, act.titleAz, act.titleEn);
          const details = legalBasisDetails(t, grant, language);
          const state = grantState(grant);
          return (
            <tr key={grant.id} role="row" data-grant={grant.id}>
              <th scope="row" role="rowheader" className="table__row-heading">
                <span>
                  {title !== undefined && <span lang={title.lang}>{title.text}</span>}
                  <CodePath
                    value={grant.service}
                    className={title === undefined ? undefined : 'secondary-text'}
                  />
                </span>
              </th>
              <td role="cell" data-label={t('operator.grants.columns.client')}>
                <CodePath value={grant.client} />
              </td>
              <td role="cell" data-label={t('operator.grants.columns.legalBasis')}>
                <span>
                  {actTitle === undefined ? (
                    <span>{grant.legalBasis.actTitle}</span>
                  ) : (
                    <span lang={actTitle.lang}>{actTitle.text}</span>
                  )}
                  {details !== '' && <span className="secondary-text">{details}</span>}
                  <span className="secondary-text">
                    {t('operator.grants.verified', {
                      by: grant.verifiedBy,
                      date: formatDateTime(grant.verifiedAt, language),
                    })}
                  </span>
                </span>
              </td>
              <td role="cell" data-label={t('operator.grants.columns.purposes')}>
                <span>
                  {grant.purposes.length === 0 ? (
                    <span className="secondary-text">{t('operator.none')}</span>
                  ) : (
                    <ul className="tag-list">
                      {grant.purposes.map((purpose) => (
                        <li key={purpose} className="tag tag--grey tag--nowrap">
                          {purpose}
                        </li>
                      ))}
                    </ul>
                  )}
                  {grant.dataItems.length > 0 && (
                    <span className="secondary-text">
                      {t('operator.grants.dataItems', { items: grant.dataItems.join(', ') })}
                    </span>
                  )}
                </span>
              </td>
              <td role="cell" data-label={t('operator.grants.columns.status')}>
                <span>
                  <span className={`tag ${STATE_TAGS[state]}`}>
                    {t(`operator.grants.status.${state}`)}
                  </span>
                  <span className="secondary-text">
                    {t('operator.grants.validFrom', {
                      date: formatDateTime(grant.validFrom, language),
                    })}
                  </span>
                  <span className="secondary-text">
                    {grant.validUntil === null
                      ? t('operator.grants.noEnd')
                      : t('operator.grants.validUntil', {
                          date: formatDateTime(grant.validUntil, language),
                        })}
                  </span>
                  {grant.revokedAt !== null && (
                    <span className="secondary-text">
                      {t('operator.grants.revokedAt', {
                        date: formatDateTime(grant.revokedAt, language),
                      })}
                    </span>
                  )}
                  {grant.revocationReason !== null && (
                    <span className="secondary-text">
                      {t('operator.reasonLine', { reason: grant.revocationReason })}
                    </span>
                  )}
                </span>
              </td>
              <td role="cell" data-label={t('operator.grants.columns.actions')}>
                {grant.revokedAt === null ? (
                  <span>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onRevoke(grant)}
                    >
                      {t('operator.grants.revoke')}
                      <span className="visually-hidden">
                        {' '}
                        {grant.service} ({grant.client})
                      </span>
                    </button>
                  </span>
                ) : (
                  <span className="secondary-text">{t('operator.none')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </StackedTable>
    </>
  );
}
