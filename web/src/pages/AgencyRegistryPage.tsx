import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RemoteList } from '../components/RemoteList.tsx';
import { ApplicationForm } from '../components/registry/ApplicationForm.tsx';
import { ApplicationProgressCells } from '../components/registry/ApplicationProgressCells.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { RoleGate } from '../components/staff/RoleGate.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import {
  localName,
  parseApplications,
  parseNotifications,
  parseProviders,
  registryAgenciesOf,
  type Named,
} from '../registry-api.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const hasRegistryRole = (roles: Parameters<typeof registryAgenciesOf>[0]) =>
  registryAgenciesOf(roles).length > 0;

/**
 * /agency/registry: the provider's registry cabinet (003 §10): its applications with status and
 * the operator's deadline, the operator's decisions, and the signed application form. For registry
 * staff and heads of a provider, logged in at acr high (RoleGate; the server checks again).
 */
export function AgencyRegistryPage() {
  const { t } = useTranslation();
  const title = t('registry.cabinet.title');
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('registry.cabinet.lead')}</p>
      <RoleGate
        returnTo="/agency/registry"
        allowed={hasRegistryRole}
        noRole={t('registry.cabinet.noRole')}
      >
        {(roles) => <Cabinet agencies={registryAgenciesOf(roles)} />}
      </RoleGate>
    </>
  );
}

function Cabinet({ agencies }: { agencies: readonly string[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const providers = useApi('/api/registry/providers', parseProviders);
  const known = providers.remote.state === 'ok' ? providers.remote.data : [];
  // Heads of agencies that provide no e-services hold no registry work.
  const mine = known.filter((p) => agencies.includes(p.code));
  const [chosen, setChosen] = useState<string>();
  const provider = chosen ?? mine[0]?.code;
  const [done, setDone] = useState<string>();
  const nameOf = (p: Named) => localName({ az: p.nameAz, en: p.nameEn }, language);

  if (providers.remote.state !== 'ok') {
    return (
      <RemoteList
        remote={providers.remote}
        retry={providers.retry}
        summary={t('registry.cabinet.providersFailed')}
      >
        {() => null}
      </RemoteList>
    );
  }
  const current = mine.find((p) => p.code === provider);
  if (provider === undefined || current === undefined) {
    return (
      <div className="notice">
        <p>{t('registry.cabinet.noRole')}</p>
      </div>
    );
  }
  return (
    <>
      {mine.length > 1 && (
        <SelectField
          label={t('registry.cabinet.agency')}
          value={provider}
          options={mine.map((p) => p.code)}
          optionLabel={(code) => {
            const found = mine.find((p) => p.code === code);
            return found === undefined ? code : nameOf(found).text;
          }}
          isOption={(value): value is string => mine.some((p) => p.code === value)}
          onChange={(code) => {
            setDone(undefined);
            setChosen(code);
          }}
        />
      )}
      <nav className="contents" aria-labelledby="contents-heading">
        <h2 id="contents-heading" className="contents__title">
          {t('operator.contentsLabel')}
        </h2>
        <ul className="contents__list">
          <li>
            <a href="#applications-heading">{t('registry.cabinet.applications')}</a>
          </li>
          <li>
            <a href="#notifications-heading">{t('registry.cabinet.notifications')}</a>
          </li>
          <li>
            <a href="#form-heading">{t('registry.form.heading')}</a>
          </li>
        </ul>
      </nav>
      <div role="status" className={done === undefined ? undefined : 'success-message'}>
        {done}
      </div>
      <Applications key={`a-${provider}-${done ?? ''}`} provider={provider} />
      <Notifications key={`n-${provider}`} provider={provider} />
      <section className="section" aria-labelledby="form-heading">
        <h2 id="form-heading">{t('registry.form.heading')}</h2>
        <p>{t('registry.form.intro')}</p>
        <ApplicationForm
          key={provider}
          provider={provider}
          providerName={nameOf(current)}
          onSubmitted={(submitted, fields) => {
            setDone(
              t('registry.form.done', {
                name: fields.nameAz,
                dueDate: formatDate(submitted.dueDate, language),
              }),
            );
            document.getElementById('applications-heading')?.scrollIntoView();
          }}
        />
      </section>
    </>
  );
}

function Applications({ provider }: { provider: string }) {
  const { t } = useTranslation();
  const { remote, retry } = useApi(
    `/api/registry/applications?provider=${encodeURIComponent(provider)}`,
    parseApplications,
  );
  return (
    <section className="section" aria-labelledby="applications-heading">
      <h2 id="applications-heading">{t('registry.cabinet.applications')}</h2>
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('registry.cabinet.applicationsFailed')}
        empty={t('registry.cabinet.noApplications')}
      >
        {(items) => (
          <StackedTable
            caption={t('registry.cabinet.applicationsCaption')}
            columns={[
              { key: 'service', label: t('registry.columns.service') },
              { key: 'kind', label: t('registry.columns.kind') },
              { key: 'submitted', label: t('registry.columns.submitted') },
              { key: 'due', label: t('registry.columns.dueDate') },
              { key: 'status', label: t('registry.columns.status') },
            ]}
          >
            {items.map((a) => (
              <tr key={a.id} role="row" data-application={a.id}>
                <th scope="row" role="rowheader" className="table__row-heading">
                  <span lang="az">{a.fields.nameAz}</span>
                  {a.registryNumber !== null && (
                    <span className="secondary-text">
                      <Link to={`/services/${a.registryNumber}`}>{a.registryNumber}</Link>
                    </span>
                  )}
                </th>
                <td role="cell" data-label={t('registry.columns.kind')}>
                  {t(`registry.kind.${a.kind}`)}
                </td>
                <ApplicationProgressCells application={a} />
              </tr>
            ))}
          </StackedTable>
        )}
      </RemoteList>
    </section>
  );
}

function Notifications({ provider }: { provider: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { remote, retry } = useApi(
    `/api/registry/notifications?provider=${encodeURIComponent(provider)}`,
    parseNotifications,
  );
  return (
    <section className="section" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('registry.cabinet.notifications')}</h2>
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('registry.cabinet.notificationsFailed')}
        empty={t('registry.cabinet.noNotifications')}
      >
        {(items) => (
          <ul className="plain-list notification-list">
            {items.slice(0, 20).map((n) => (
              <li key={n.id}>
                <span className="secondary-text">{formatDateTime(n.createdAt, language)}</span>
                {n.kind === 'approved'
                  ? t('registry.cabinet.approvedNotice', { registryNumber: n.registryNumber ?? '' })
                  : t('registry.cabinet.refusedNotice', { reason: n.reason ?? '' })}
              </li>
            ))}
          </ul>
        )}
      </RemoteList>
    </section>
  );
}
