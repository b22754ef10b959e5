import { useTranslation } from 'react-i18next';
import type { ExchangeService } from '../../exchange-api.ts';
import { formatNumber } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { Remote } from '../../use-api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CodePath } from './CodePath.tsx';
import { classificationLabel, localised } from './labels.ts';
import { StackedTable } from '../StackedTable.tsx';

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
  if (services.length === 0) return <p>{t('operator.services.empty')}</p>;
  return (
    <StackedTable
      caption={t('operator.services.caption')}
      columns={[
        { key: 'title', label: t('operator.services.columns.title') },
        { key: 'id', label: t('operator.services.columns.id') },
        { key: 'classification', label: t('operator.services.columns.classification') },
        { key: 'timeout', label: t('operator.services.columns.timeout'), numeric: true },
      ]}
    >
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
    </StackedTable>
  );
}
