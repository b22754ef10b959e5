import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/index.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ServiceTags } from '../components/registry/ServiceTags.tsx';
import {
  localName,
  parseDomains,
  parseProviders,
  parseServiceList,
  SERVICE_TYPES,
  SERVICE_USERS,
  type Named,
  type ServiceSummary,
} from '../registry-api.ts';
import { Link, navigate, useSearch } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const PAGE_SIZE = 20;
/** The filters the catalogue's address can carry (listServices' query, without paging). */
const FILTERS = ['q', 'agency', 'domain', 'type', 'paid', 'users'] as const;
type Filter = (typeof FILTERS)[number];

function filtersOf(search: string): { values: Record<Filter, string>; page: number } {
  const params = new URLSearchParams(search);
  const values = Object.fromEntries(
    FILTERS.map((name) => [name, params.get(name)?.trim() ?? '']),
  ) as Record<Filter, string>;
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return { values, page: Number.isInteger(page) && page >= 1 && page <= 10000 ? page : 1 };
}

/** The catalogue address for these filters (empty ones left out, so addresses stay short). */
function catalogPath(values: Partial<Record<Filter, string>>, page = 1): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = values[name];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query === '' ? '/services' : `/services?${query}`;
}

const nameIn = (named: Named, language: string) =>
  localName({ az: named.nameAz, en: named.nameEn }, language);

/**
 * /services: the public catalogue of e-services (REG-003-4.3, REG-003-A1-3.1, IAM-003-4.3: no
 * login). The filters are a GET form whose values live in the address, so a search can be
 * bookmarked and shared; browsing by agency and by domain ("one window") are links that set one
 * filter.
 */
export function ServicesPage() {
  const { t } = useTranslation();
  const title = t('pages.services.title');
  useDocumentTitle(title);
  const search = useSearch();
  const { values, page } = filtersOf(search);
  const filtered = FILTERS.some((name) => values[name] !== '');
  const apiQuery = new URLSearchParams(catalogPath(values, page).split('?')[1] ?? '');
  apiQuery.set('pageSize', String(PAGE_SIZE));
  const results = useApi(`/api/services?${apiQuery.toString()}`, parseServiceList);
  const providers = useApi('/api/registry/providers', parseProviders);
  const domains = useApi('/api/registry/domains', parseDomains);

  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('registry.catalog.lead')}</p>
      <SearchForm
        key={search}
        values={values}
        providers={providers.remote.state === 'ok' ? providers.remote.data : []}
        domains={domains.remote.state === 'ok' ? domains.remote.data : []}
      />
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="visually-hidden">
          {t('registry.catalog.resultsHeading')}
        </h2>
        <p role="status" className="result-count">
          {results.remote.state === 'ok'
            ? results.remote.data.total === 0
              ? t('registry.catalog.noResults')
              : t('registry.catalog.count', { total: results.remote.data.total })
            : results.remote.state === 'loading'
              ? t('registry.catalog.loading')
              : ''}
        </p>
        {results.remote.state === 'error' && (
          <ErrorMessage
            summary={t('registry.catalog.error')}
            error={results.remote.error}
            onRetry={results.retry}
          />
        )}
        {results.remote.state === 'ok' && (
          <>
            <ol className="service-list">
              {results.remote.data.items.map((service) => (
                <ServiceItem key={service.registryNumber} service={service} />
              ))}
            </ol>
            <Paging values={values} page={page} total={results.remote.data.total} />
          </>
        )}
      </section>
      {!filtered && <Browse />}
    </>
  );
}

function SearchForm({
  values,
  providers,
  domains,
}: {
  values: Record<Filter, string>;
  providers: readonly Named[];
  domains: readonly Named[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const id = useId();
  const byName = (a: Named, b: Named) =>
    nameIn(a, language).text.localeCompare(nameIn(b, language).text, language);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Partial<Record<Filter, string>> = {};
    for (const name of FILTERS) {
      const value = data.get(name);
      if (typeof value === 'string') next[name] = value.trim();
    }
    navigate(catalogPath(next));
  }

  const select = (
    name: Exclude<Filter, 'q'>,
    options: readonly { value: string; label: string }[],
  ) => (
    <div className="form-group">
      <label className="label" htmlFor={`${id}-${name}`}>
        {t(`registry.catalog.filters.${name}`)}
      </label>
      <select id={`${id}-${name}`} className="select" name={name} defaultValue={values[name]}>
        <option value="">{t(`registry.catalog.filters.${name}Any`)}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      method="get"
      action="/services"
      role="search"
      aria-label={t('registry.catalog.searchLabel')}
      className="catalog-search"
      onSubmit={submit}
    >
      <div className="form-group">
        <label className="label" htmlFor={`${id}-q`}>
          {t('registry.catalog.filters.q')}
        </label>
        <p className="hint" id={`${id}-q-hint`}>
          {t('registry.catalog.filters.qHint')}
        </p>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          name="q"
          maxLength={200}
          aria-describedby={`${id}-q-hint`}
          defaultValue={values.q}
        />
      </div>
      <div className="catalog-search__filters">
        {select(
          'agency',
          [...providers].sort(byName).map((p) => ({
            value: p.code,
            label: nameIn(p, language).text,
          })),
        )}
        {select(
          'domain',
          [...domains]
            .sort(byName)
            .map((d) => ({ value: d.code, label: nameIn(d, language).text })),
        )}
        {select(
          'type',
          SERVICE_TYPES.map((type) => ({ value: type, label: t(`registry.type.${type}`) })),
        )}
        {select('paid', [
          { value: 'false', label: t('registry.paid.false') },
          { value: 'true', label: t('registry.paid.true') },
        ])}
        {select(
          'users',
          SERVICE_USERS.map((user) => ({ value: user, label: t(`registry.users.${user}`) })),
        )}
      </div>
      <div className="button-group">
        <button type="submit" className="button">
          {t('registry.catalog.submit')}
        </button>
        <Link to="/services" className="button button--secondary">
          {t('registry.catalog.clear')}
        </Link>
      </div>
    </form>
  );
}

function ServiceItem({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const name = localName(service.name, language);
  const agency = nameIn(service.agency, language);
  const domain = nameIn(service.domain, language);
  return (
    <li className="service-list__item">
      <h3 className="service-list__title">
        <Link to={`/services/${service.registryNumber}`} lang={name.lang}>
          {name.text}
        </Link>
      </h3>
      <dl className="summary-list">
        <dt>{t('registry.fields.registryNumber')}</dt>
        <dd>
          <span className="code">{service.registryNumber}</span>
        </dd>
        <dt>{t('registry.fields.agency')}</dt>
        <dd>
          <Link to={catalogPath({ agency: service.agency.code })} lang={agency.lang}>
            {agency.text}
          </Link>
        </dd>
        <dt>{t('registry.fields.domain')}</dt>
        <dd>
          <Link to={catalogPath({ domain: service.domain.code })} lang={domain.lang}>
            {domain.text}
          </Link>
        </dd>
      </dl>
      <ServiceTags service={service} />
    </li>
  );
}

function Paging({
  values,
  page,
  total,
}: {
  values: Record<Filter, string>;
  page: number;
  total: number;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1 && page === 1) return null;
  return (
    <nav className="pagination" aria-label={t('registry.catalog.paging.label')}>
      {page > 1 && (
        <Link to={catalogPath(values, Math.min(page - 1, pages))} rel="prev">
          {t('registry.catalog.paging.previous')}
        </Link>
      )}
      <span className="pagination__position">
        {t('registry.catalog.paging.position', { page, pages })}
      </span>
      {page < pages && (
        <Link to={catalogPath(values, page + 1)} rel="next">
          {t('registry.catalog.paging.next')}
        </Link>
      )}
    </nav>
  );
}

const BROWSE_PAGE = 100;

/**
 * The "one window": every agency and every domain that has services, with how many, each a link
 * that sets that filter. Counted from the catalogue's first 100 services, which is the whole of
 * it today (35); past 100 the lists come from those and the counts are left out, until the API
 * offers counts per agency and domain.
 */
function Browse() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { remote } = useApi(`/api/services?pageSize=${BROWSE_PAGE}`, parseServiceList);
  if (remote.state !== 'ok') return null;
  const complete = remote.data.total <= BROWSE_PAGE;
  const tally = (pick: (s: ServiceSummary) => Named) => {
    const counts = new Map<string, { named: Named; count: number }>();
    for (const service of remote.data.items) {
      const named = pick(service);
      const entry = counts.get(named.code) ?? { named, count: 0 };
      entry.count += 1;
      counts.set(named.code, entry);
    }
    return [...counts.values()].sort((a, b) =>
      nameIn(a.named, language).text.localeCompare(nameIn(b.named, language).text, language),
    );
  };
  const group = (filter: 'agency' | 'domain', pick: (s: ServiceSummary) => Named) => (
    <section className="section" aria-labelledby={`browse-${filter}`}>
      <h2 id={`browse-${filter}`}>{t(`registry.catalog.browse.${filter}`)}</h2>
      <ul className="browse-list">
        {tally(pick).map(({ named, count }) => {
          const name = nameIn(named, language);
          return (
            <li key={named.code}>
              <Link to={catalogPath({ [filter]: named.code })}>
                <span lang={name.lang}>{name.text}</span>
                {complete && (
                  <span className="secondary-text">
                    {t('registry.catalog.browse.count', { total: count })}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
  return (
    <>
      {group('agency', (s) => s.agency)}
      {group('domain', (s) => s.domain)}
    </>
  );
}
