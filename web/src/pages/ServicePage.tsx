import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ServiceTags } from '../components/registry/ServiceTags.tsx';
import { parseLegalActs, type LegalAct } from '../exchange-api.ts';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import {
  localName,
  parseProviders,
  parseServiceDetail,
  type Named,
  type ServiceDetail,
  type OutlineSection,
} from '../registry-api.ts';
import { Link, usePath } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const REGISTRY_NUMBER = /^ES-[0-9]{6,}$/;

/**
 * /services/<registry number>: every registry field of a service (REG-003-A1-3.1). Informative
 * services are open to everyone; interactive ones need identification (IAM-003-4.4), so the page
 * offers a login that comes back here. Starting a request belongs to the portal (issue 6), so the
 * page says so instead of showing a button that does nothing.
 */
export function ServicePage() {
  const { t } = useTranslation();
  const path = usePath();
  const registryNumber = decodeURIComponent(path.replace(/\/+$/, '').split('/').pop() ?? '');
  const valid = REGISTRY_NUMBER.test(registryNumber);
  const { remote, retry } = useApi(
    `/api/services/${encodeURIComponent(valid ? registryNumber : 'ES-000000')}`,
    parseServiceDetail,
  );
  const language = currentLanguage();
  const name = valid && remote.state === 'ok' ? localName(remote.data.name, language) : undefined;
  const notFound =
    !valid ||
    (remote.state === 'error' && remote.error instanceof ApiError && remote.error.status === 404);
  useDocumentTitle(
    name?.text ?? t(notFound ? 'registry.service.notFound' : 'pages.services.title'),
  );

  const back = (
    <p>
      <Link to="/services">{t('registry.service.back')}</Link>
    </p>
  );
  if (notFound) {
    return (
      <>
        <h1>{t('registry.service.notFound')}</h1>
        <p>{t('registry.service.notFoundText', { registryNumber })}</p>
        {back}
      </>
    );
  }
  if (remote.state === 'loading') return <p role="status">{t('registry.service.loading')}</p>;
  if (remote.state === 'error') {
    return (
      <>
        <h1>{t('pages.services.title')}</h1>
        <ErrorMessage summary={t('registry.service.error')} error={remote.error} onRetry={retry} />
        {back}
      </>
    );
  }
  return (
    <>
      {back}
      <Service service={remote.data} />
    </>
  );
}

function Service({ service }: { service: ServiceDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const providers = useApi('/api/registry/providers', parseProviders);
  const legalActs = useApi('/api/exchange/legal-acts', parseLegalActs);
  const name = localName(service.name, language);
  const content = localName(service.content, language);
  const named = (n: Named) => localName({ az: n.nameAz, en: n.nameEn }, language);
  const agency = named(service.agency);
  const domain = named(service.domain);
  const executor = (code: string) => {
    const found =
      providers.remote.state === 'ok'
        ? providers.remote.data.find((p) => p.code === code)
        : undefined;
    return found === undefined ? { text: code, lang: undefined } : named(found);
  };
  const act = (id: string): LegalAct | undefined =>
    legalActs.remote.state === 'ok' ? legalActs.remote.data.find((a) => a.id === id) : undefined;

  return (
    <article aria-labelledby="service-title" className="service-detail">
      <p className="caption-line">
        <span className="code">{service.registryNumber}</span>
      </p>
      <h1 id="service-title" lang={name.lang}>
        {name.text}
      </h1>
      <ServiceTags service={service} />
      {service.status === 'cancelled' && (
        <div className="notice">
          <p>{t('registry.service.cancelled')}</p>
        </div>
      )}
      <p className="lead" lang={content.lang}>
        {content.text}
      </p>
      <Access service={service} />
      <section className="section" aria-labelledby="registry-data">
        <h2 id="registry-data">{t('registry.service.registryData')}</h2>
        <dl className="summary-list">
          <dt>{t('registry.fields.registryNumber')}</dt>
          <dd>
            <span className="code">{service.registryNumber}</span>
          </dd>
          <dt>{t('registry.fields.agency')}</dt>
          <dd>
            <Link to={`/services?agency=${service.agency.code}`} lang={agency.lang}>
              {agency.text}
            </Link>
          </dd>
          <dt>{t('registry.fields.otherExecutors')}</dt>
          <dd>
            {service.otherExecutors.length === 0 ? (
              t('registry.service.none')
            ) : (
              <ul className="plain-list">
                {service.otherExecutors.map((code) => {
                  const e = executor(code);
                  return (
                    <li key={code} lang={e.lang}>
                      {e.text}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
          <dt>{t('registry.fields.domain')}</dt>
          <dd>
            <Link to={`/services?domain=${service.domain.code}`} lang={domain.lang}>
              {domain.text}
            </Link>
          </dd>
          <dt>{t('registry.fields.type')}</dt>
          <dd>{t(`registry.type.${service.type}`)}</dd>
          <dt>{t('registry.fields.paid')}</dt>
          <dd>{t(`registry.paid.${service.paid ? 'true' : 'false'}`)}</dd>
          <dt>{t('registry.fields.users')}</dt>
          <dd>{service.users.map((u) => t(`registry.users.${u}`)).join(', ')}</dd>
          <dt>{t('registry.fields.legalBasis')}</dt>
          <dd>
            <ul className="plain-list">
              {service.legalBasis.map((item) => {
                const found = act(item.legalActId);
                const title =
                  found === undefined
                    ? { text: item.legalActId, lang: undefined }
                    : localName({ az: found.titleAz, en: found.titleEn }, language);
                return (
                  <li key={`${item.legalActId} ${item.clauses}`}>
                    <span lang={title.lang}>{title.text}</span>
                    {found?.number != null && ` № ${found.number}`}
                    {found?.adoptedOn != null && `, ${formatDate(found.adoptedOn, language)}`}
                    {' — '}
                    <span lang="az">{item.clauses}</span>
                  </li>
                );
              })}
            </ul>
          </dd>
          <dt>{t('registry.fields.webAddress')}</dt>
          <dd>
            <a href={service.webAddress} rel="noopener noreferrer" className="break-anywhere">
              {service.webAddress}
            </a>
          </dd>
          <dt>{t('registry.fields.registeredAt')}</dt>
          <dd>{formatDate(service.registeredAt, language)}</dd>
          <dt>{t('registry.fields.modifiedAt')}</dt>
          <dd>
            {formatDate(service.modifiedAt, language)}{' '}
            <span className="secondary-text">
              {t('registry.service.version', { version: service.version })}
            </span>
          </dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="regulation">
        <h2 id="regulation">{t('registry.service.regulation')}</h2>
        {service.regulation === null ? (
          <p>{t('registry.service.regulationNotPublished')}</p>
        ) : (
          <>
            <p>
              {service.regulation.publishedAt === null
                ? t('registry.service.regulationVersion', { version: service.regulation.version })
                : t('registry.service.regulationPublished', {
                    version: service.regulation.version,
                    date: formatDate(service.regulation.publishedAt, language),
                  })}
            </p>
            <p>
              <a
                href={`/api/services/${service.registryNumber}/regulation.pdf${language === 'az' ? '' : '?lang=en'}`}
              >
                {t('registry.service.regulationPdf')}
              </a>
            </p>
            <RegulationText
              sections={
                language === 'az' ? service.regulation.outline.az : service.regulation.outline.en
              }
              lang={language === 'az' ? 'az' : 'en'}
            />
          </>
        )}
      </section>
    </article>
  );
}

/**
 * The published regulation on the page, clause by clause in the template's order (003 §9.8: open
 * to everyone). Russian readers get the English rendering, marked as English for screen readers.
 */
function RegulationText({ sections, lang }: { sections: OutlineSection[]; lang: 'az' | 'en' }) {
  return (
    <div className="regulation" lang={lang}>
      {sections.map((section) => (
        <section key={section.number} aria-labelledby={`regulation-${section.number}`}>
          <h3 id={`regulation-${section.number}`}>
            {section.number}. {section.title}
          </h3>
          {section.items.map((item) =>
            item.heading ? (
              <h4 key={item.clause}>
                {item.clause}. {item.label}
              </h4>
            ) : (
              <div key={item.clause} className="regulation__clause">
                <p className="regulation__label">
                  {item.clause.includes('-N') ? '' : `${item.clause}. `}
                  {item.label}
                </p>
                <p>{item.text ?? '—'}</p>
                {item.extra.length > 0 && (
                  <ul>
                    {item.extra.map((line) => (
                      <li key={line}>{line.replace(/^• /, '')}</li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          )}
        </section>
      ))}
    </div>
  );
}

/** Who may use the service, and how: open, or after identification (A1 §3.1, IAM-003-4.4). */
function Access({ service }: { service: ServiceDetail }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!service.identificationRequired) {
    return (
      <div className="panel">
        <h2 className="panel__title">{t('registry.service.access')}</h2>
        <p>{t('registry.service.openToAll')}</p>
      </div>
    );
  }
  return (
    <div className="panel">
      <h2 className="panel__title">{t('registry.service.access')}</h2>
      <p>{t('registry.service.identificationRequired')}</p>
      {me === null && (
        <p>
          <Link to={`/login?return=/services/${service.registryNumber}`}>
            {t('registry.service.login')}
          </Link>
        </p>
      )}
      <p className="panel__status">{t('registry.service.requestsLater')}</p>
    </div>
  );
}
