import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeService } from '../../exchange-api.ts';
import { formatNumber } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { Remote } from '../../use-api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CodePath } from './CodePath.tsx';
import { classificationLabel, localised } from './labels.ts';

/** Services published on the exchange (public: listExchangeServices needs no operator token). */
export function ExchangeServices({
  headingId,
  remote,
  onRetry,
}: {
  headingId: string;
  remote: Remote<ExchangeService[]>;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('operator.services.heading')}</h2>
      <p>{t('operator.services.intro')}</p>
      {remote.state === 'loading' && <p role="status">{t('operator.services.loading')}</p>}
      {remote.state === 'error' && (
        <ErrorMessage
          summary={t('operator.services.error')}
          error={remote.error}
          onRetry={onRetry}
        />
      )}
      {remote.state === 'ok' && <ServiceTable services={remote.data} />}
    </section>
  );
}

function ServiceTable({ services }: { services: readonly ExchangeService[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const captionId = useId();
  if (services.length === 0) return <p>{t('operator.services.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table table--stacked" role="table">
        <caption id={captionId} className="table__caption">
          {t('operator.services.caption')}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t('operator.services.columns.title')}
            </th>
            <th scope="col" role="columnheader">
              {t('operator.services.columns.id')}
            </th>
            <th scope="col" role="columnheader">
              {t('operator.services.columns.classification')}
            </th>
            <th scope="col" role="columnheader" className="numeric">
              {t('operator.services.columns.timeout')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {services.map((service) => {
            const title = localised(language, service.titleAz, service.titleEn);
            return (
              <tr key={service.id} role="row" data-service={service.id}>
                <th scope="row" role="rowheader" lang={title.lang} className="table__row-heading">
                  {title.text}
                </th>
                <td role="cell" data-label={t('operator.services.columns.id')}>
                  <span>
                    <CodePath value={service.id} />
                    <span className="secondary-text">
                      {t('operator.services.version', { version: service.version })}
                    </span>
                  </span>
                </td>
                <td role="cell" data-label={t('operator.services.columns.classification')}>
                  {classificationLabel(t, service.dataClassification)}
                </td>
                <td
                  role="cell"
                  data-label={t('operator.services.columns.timeout')}
                  className="numeric nowrap"
                >
                  {t('operator.services.timeoutMs', {
                    value: formatNumber(service.timeoutMs, language),
                  })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
