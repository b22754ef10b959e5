import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_MONITORING_WINDOW,
  MONITORING_WINDOWS,
  parseMonitoring,
  type Monitoring,
  type MonitoringWindow,
} from '../../exchange-api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';
import { CodePath } from './CodePath.tsx';
import { OperatorErrorMessage } from './OperatorErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { StackedTable } from '../StackedTable.tsx';

function isMonitoringWindow(value: string): value is MonitoringWindow {
  return MONITORING_WINDOWS.some((known) => known === value);
}

const NUMBER_COLUMNS = ['calls', 'errors', 'refused', 'p50', 'p95', 'p99'] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/**
 * Calls, errors, refusals and latency percentiles per service and client over a window
 * (OPS-000-3.4.2), read from the exchange's message log. "Refresh" keeps the table on screen
 * while it asks again, so numbers change in place.
 */
export function ExchangeMonitoring({ headingId }: { headingId: string }) {
  const { t } = useTranslation();
  const [timeWindow, setTimeWindow] = useState<MonitoringWindow>(DEFAULT_MONITORING_WINDOW);
  const { remote, retry, reload } = useApi(
    `/api/exchange/monitoring?window=${timeWindow}`,
    parseMonitoring,
  );
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('operator.monitoring.heading')}</h2>
      <p>{t('operator.monitoring.intro')}</p>
      <div className="toolbar">
        <SelectField
          label={t('operator.monitoring.windowLabel')}
          value={timeWindow}
          options={MONITORING_WINDOWS}
          optionLabel={(value) => t(`operator.monitoring.window.${value}`)}
          isOption={isMonitoringWindow}
          onChange={setTimeWindow}
        />
        <div className="form-group">
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('operator.monitoring.refresh')}
          </button>
        </div>
      </div>
      {remote.state === 'loading' && <p role="status">{t('operator.monitoring.loading')}</p>}
      {remote.state === 'error' && (
        <OperatorErrorMessage
          summary={t('operator.monitoring.error')}
          error={remote.error}
          onRetry={retry}
          linkToLogin
        />
      )}
      {remote.state === 'ok' && <MonitoringTable monitoring={remote.data} />}
    </section>
  );
}

function MonitoringTable({ monitoring }: { monitoring: Monitoring }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const period = t('operator.monitoring.period', {
    from: formatDateTime(monitoring.from, language),
    to: formatDateTime(monitoring.to, language),
  });
  if (monitoring.rows.length === 0) {
    return (
      <>
        <p className="result-count">{period}</p>
        <p>{t('operator.monitoring.empty')}</p>
      </>
    );
  }
  const value = (row: Monitoring['rows'][number], column: NumberColumn): string => {
    switch (column) {
      case 'calls':
      case 'errors':
      case 'refused':
        return formatNumber(row[column], language);
      case 'p50':
        return formatNumber(row.p50Ms, language, 1);
      case 'p95':
        return formatNumber(row.p95Ms, language, 1);
      case 'p99':
        return formatNumber(row.p99Ms, language, 1);
    }
  };
  return (
    <>
      <p className="result-count">{period}</p>
      <StackedTable
        caption={t('operator.monitoring.caption')}
        columns={[
          { key: 'service', label: t('operator.monitoring.columns.service') },
          { key: 'client', label: t('operator.monitoring.columns.client') },
          ...NUMBER_COLUMNS.map((column) => ({
            key: column,
            label: t(`operator.monitoring.columns.${column}`),
            numeric: true,
          })),
        ]}
      >
        {monitoring.rows.map((row) => (
          <tr
            key={`${row.service} ${row.client}`}
            role="row"
            data-service={row.service}
            data-client={row.client}
          >
            <th scope="row" role="rowheader" className="table__row-heading">
              <CodePath value={row.service} />
            </th>
            <td role="cell" data-label={t('operator.monitoring.columns.client')}>
              <CodePath value={row.client} />
            </td>
            {NUMBER_COLUMNS.map((column) => (
              <td
                key={column}
                role="cell"
                data-label={t(`operator.monitoring.columns.${column}`)}
                data-column={column}
                className="numeric"
              >
                {value(row, column)}
              </td>
            ))}
          </tr>
        ))}
      </StackedTable>
    </>
  );
}
