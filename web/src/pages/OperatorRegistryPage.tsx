import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson, type RequestError } from '../api.ts';
import { OperatorErrorMessage } from '../components/exchange/OperatorErrorMessage.tsx';
import { ReasonDialog } from '../components/exchange/ReasonDialog.tsx';
import { RemoteList } from '../components/RemoteList.tsx';
import { ApplicationProgressCells } from '../components/registry/ApplicationProgressCells.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { RoleGate } from '../components/staff/RoleGate.tsx';
import { formatNumber } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import {
  isRegistryOperator,
  localName,
  parseApplications,
  parseDecided,
  parseProviders,
  parseServiceList,
  parseUsage,
  type Application,
  type Named,
} from '../registry-api.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const STATUS_FILTERS = ['pending', 'overdue', 'approved', 'refused', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];
const ALL = '';

/**
 * /operator/registry: the registry operator decides applications (003 §10.4, §10.7, §10.8), with
 * overdue ones flagged (REG-003-10.9), and sees how often each service is used (issue 5 item 6).
 */
export function OperatorRegistryPage() {
  const { t } = useTranslation();
  const title = t('registry.operator.title');
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('registry.operator.lead')}</p>
      <RoleGate
        returnTo="/operator/registry"
        allowed={isRegistryOperator}
        noRole={t('registry.operator.noRole')}
      >
        {() => (
          <>
            <nav className="contents" aria-labelledby="contents-heading">
              <h2 id="contents-heading" className="contents__title">
                {t('operator.contentsLabel')}
              </h2>
              <ul className="contents__list">
                <li>
                  <a href="#applications-heading">{t('registry.operator.applications')}</a>
                </li>
                <li>
                  <a href="#usage-heading">{t('registry.operator.usage')}</a>
                </li>
              </ul>
            </nav>
            <Applications />
            <Usage />
          </>
        )}
      </RoleGate>
    </>
  );
}

function Applications() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [provider, setProvider] = useState<string>(ALL);
  const providers = useApi('/api/registry/providers', parseProviders);
  const known = providers.remote.state === 'ok' ? providers.remote.data : [];
  const query = new URLSearchParams();
  if (status === 'overdue') query.set('overdue', 'true');
  else if (status !== 'all') query.set('status', status);
  if (provider !== ALL) query.set('provider', provider);
  query.set('limit', '200');
  const { remote, retry, reload } = useApi(
    `/api/registry/applications?${query.toString()}`,
    parseApplications,
  );
  const [done, setDone] = useState<string>();
  const [refusing, setRefusing] = useState<Application>();
  const [failure, setFailure] = useState<RequestError>();
  const [approving, setApproving] = useState<string>();
  const nameOf = (code: string) => {
    const found = known.find((p: Named) => p.code === code);
    return found === undefined
      ? { text: code, lang: undefined }
      : localName({ az: found.nameAz, en: found.nameEn }, language);
  };

  async function approve(application: Application): Promise<void> {
    setDone(undefined);
    setFailure(undefined);
    setApproving(application.id);
    try {
      const decided = await postJson(
        `/api/registry/applications/${application.id}/decision`,
        { decision: 'approve' },
        parseDecided,
      );
      setDone(
        t('registry.operator.approved', {
          name: application.fields.nameAz,
          registryNumber: decided.registryNumber ?? '',
        }),
      );
      reload();
    } catch (error) {
      setFailure(error as RequestError);
    } finally {
      setApproving(undefined);
    }
  }

  async function refuse(application: Application, reason: string): Promise<void> {
    await postJson(
      `/api/registry/applications/${application.id}/decision`,
      { decision: 'refuse', reason },
      parseDecided,
    );
    setDone(t('registry.operator.refused', { name: application.fields.nameAz }));
    reload();
  }

  return (
    <section className="section" aria-labelledby="applications-heading">
      <h2 id="applications-heading">{t('registry.operator.applications')}</h2>
      <div className="toolbar registry-filters">
        <SelectField
          label={t('registry.operator.statusFilter')}
          value={status}
          options={STATUS_FILTERS}
          optionLabel={(value) => t(`registry.operator.filter.${value}`)}
          isOption={(value): value is StatusFilter =>
            STATUS_FILTERS.some((known) => known === value)
          }
          onChange={setStatus}
        />
        <SelectField
          label={t('registry.operator.providerFilter')}
          value={provider}
          options={[ALL, ...known.map((p) => p.code)]}
          optionLabel={(code) =>
            code === ALL ? t('registry.catalog.filters.agencyAny') : nameOf(code).text
          }
          isOption={(value): value is string =>
            value === ALL || known.some((p) => p.code === value)
          }
          onChange={setProvider}
        />
      </div>
      <div role="status" className={done === undefined ? undefined : 'success-message'}>
        {done}
      </div>
      {failure !== undefined && (
        <OperatorErrorMessage summary={t('registry.operator.decideFailed')} error={failure} />
      )}
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('registry.cabinet.applicationsFailed')}
        empty={t('registry.operator.empty')}
      >
        {(items) => (
          <>
            <p className="result-count">{t('registry.operator.count', { total: items.length })}</p>
            <StackedTable
              caption={t('registry.operator.caption')}
              columns={[
                { key: 'service', label: t('registry.columns.service') },
                { key: 'provider', label: t('registry.columns.provider') },
                { key: 'submitted', label: t('registry.columns.submitted') },
                { key: 'due', label: t('registry.columns.dueDate') },
                { key: 'status', label: t('registry.columns.status') },
                { key: 'actions', label: t('registry.columns.actions') },
              ]}
            >
              {items.map((a) => {
                const agency = nameOf(a.provider);
                return (
                  <tr key={a.id} role="row" data-application={a.id}>
                    <th scope="row" role="rowheader" className="table__row-heading">
                      <span lang="az">{a.fields.nameAz}</span>
                      <span className="secondary-text">
                        {t(`registry.kind.${a.kind}`)}
                        {a.registryNumber !== null && (
                          <>
                            {' '}
                            <Link to={`/services/${a.registryNumber}`}>{a.registryNumber}</Link>
                          </>
                        )}
                      </span>
                      <ApplicationDetails application={a} />
                    </th>
                    <td role="cell" data-label={t('registry.columns.provider')}>
                      <span lang={agency.lang}>{agency.text}</span>
                    </td>
                    <ApplicationProgressCells application={a} />
                    <td role="cell" data-label={t('registry.columns.actions')}>
                      {a.status === 'pending' ? (
                        <div className="button-group button-group--tight">
                          <button
                            type="button"
                            className="button button--small"
                            aria-disabled={approving === a.id}
                            aria-label={t('registry.operator.approveLabel', {
                              name: a.fields.nameAz,
                            })}
                            onClick={() => {
                              if (approving === undefined) void approve(a);
                            }}
                          >
                            {t('registry.operator.approve')}
                          </button>
                          <button
                            type="button"
                            className="button button--warning button--small"
                            aria-label={t('registry.operator.refuseLabel', {
                              name: a.fields.nameAz,
                            })}
                            onClick={() => {
                              setDone(undefined);
                              setRefusing(a);
                            }}
                          >
                            {t('registry.operator.refuse')}
                          </button>
                        </div>
                      ) : (
                        t('operator.none')
                      )}
                    </td>
                  </tr>
                );
              })}
            </StackedTable>
          </>
        )}
      </RemoteList>
      {refusing !== undefined && (
        <ReasonDialog
          title={t('registry.operator.refuseTitle', { name: refusing.fields.nameAz })}
          description={t('registry.operator.refuseDescription')}
          submitLabel={t('registry.operator.refuse')}
          destructive
          onSubmit={(reason) => refuse(refusing, reason)}
          onClose={() => setRefusing(undefined)}
        />
      )}
    </section>
  );
}

/** Everything the provider signed, for the operator to check before deciding. */
function ApplicationDetails({ application }: { application: Application }) {
  const { t } = useTranslation();
  const f = application.fields;
  return (
    <details className="details">
      <summary>{t('registry.operator.details')}</summary>
      <dl className="summary-list">
        <dt>{t('registry.form.fields.nameEn.label')}</dt>
        <dd lang="en">{f.nameEn}</dd>
        <dt>{t('registry.form.fields.otherExecutors.label')}</dt>
        <dd>{f.otherExecutors.length === 0 ? t('operator.none') : f.otherExecutors.join(', ')}</dd>
        <dt>{t('registry.form.fields.contentAz.label')}</dt>
        <dd lang="az">{f.contentAz}</dd>
        <dt>{t('registry.form.fields.contentEn.label')}</dt>
        <dd lang="en">{f.contentEn}</dd>
        <dt>{t('registry.fields.legalBasis')}</dt>
        <dd>
          <ul className="plain-list">
            {f.legalBasis.map((item) => (
              <li key={`${item.legalActId} ${item.clauses}`}>
                <span className="code">{item.legalActId}</span> —{' '}
                <span lang="az">{item.clauses}</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('registry.fields.type')}</dt>
        <dd>{t(`registry.type.${f.type}`)}</dd>
        <dt>{t('registry.fields.paid')}</dt>
        <dd>{t(`registry.paid.${f.paid ? 'true' : 'false'}`)}</dd>
        <dt>{t('registry.fields.users')}</dt>
        <dd>{f.users.map((u) => t(`registry.users.${u}`)).join(', ')}</dd>
        <dt>{t('registry.fields.webAddress')}</dt>
        <dd className="break-anywhere">{f.webAddress}</dd>
        <dt>{t('registry.fields.domain')}</dt>
        <dd>
          <span className="code">{f.domain}</span>
        </dd>
        <dt>{t('registry.operator.submittedBy')}</dt>
        <dd>
          <span className="code">{application.submittedBy}</span>
        </dd>
      </dl>
    </details>
  );
}

function Usage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { remote, retry } = useApi('/api/registry/usage', parseUsage);
  // Names for the registry numbers: the catalogue's first 100 services (all of them today).
  const catalog = useApi('/api/services?pageSize=100', parseServiceList);
  const nameOf = (registryNumber: string) => {
    const found =
      catalog.remote.state === 'ok'
        ? catalog.remote.data.items.find((s) => s.registryNumber === registryNumber)
        : undefined;
    return found === undefined ? undefined : localName(found.name, language);
  };
  return (
    <section className="section" aria-labelledby="usage-heading">
      <h2 id="usage-heading">{t('registry.operator.usage')}</h2>
      <p>{t('registry.operator.usageIntro')}</p>
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('registry.operator.usageFailed')}
        empty={t('registry.operator.usageEmpty')}
      >
        {(rows) => (
          <StackedTable
            caption={t('registry.operator.usageCaption')}
            columns={[
              { key: 'service', label: t('registry.columns.service') },
              { key: 'month', label: t('registry.operator.month') },
              { key: 'uses', label: t('registry.operator.uses'), numeric: true },
            ]}
          >
            {[...rows]
              .sort((a, b) => b.month.localeCompare(a.month) || b.uses - a.uses)
              .map((row) => (
                <tr key={`${row.registryNumber} ${row.month}`} role="row">
                  <th scope="row" role="rowheader" className="table__row-heading">
                    <Link to={`/services/${row.registryNumber}`}>{row.registryNumber}</Link>
                    {nameOf(row.registryNumber) !== undefined && (
                      <span className="secondary-text" lang={nameOf(row.registryNumber)?.lang}>
                        {nameOf(row.registryNumber)?.text}
                      </span>
                    )}
                  </th>
                  <td role="cell" data-label={t('registry.operator.month')}>
                    {row.month}
                  </td>
                  <td role="cell" data-label={t('registry.operator.uses')} className="numeric">
                    {formatNumber(row.uses, language)}
                  </td>
                </tr>
              ))}
          </StackedTable>
        )}
      </RemoteList>
    </section>
  );
}
