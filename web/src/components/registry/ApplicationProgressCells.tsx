import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { Application } from '../../registry-api.ts';
import { ApplicationStatusTag } from './ApplicationStatusTag.tsx';

/**
 * The cells both application tables share (the agency's cabinet and the operator's console):
 * submitted when and by whom, due date, status with the refusal reason.
 */
export function ApplicationProgressCells({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <td role="cell" data-label={t('registry.columns.submitted')}>
        {formatDateTime(a.submittedAt, language)}
        <span className="secondary-text">{a.signedBy}</span>
      </td>
      <td role="cell" data-label={t('registry.columns.dueDate')}>
        {formatDate(a.dueDate, language)}
      </td>
      <td role="cell" data-label={t('registry.columns.status')}>
        <ApplicationStatusTag application={a} />
        {a.refusalReason !== null && (
          <span className="secondary-text">
            {t('operator.reasonLine', { reason: a.refusalReason })}
          </span>
        )}
      </td>
    </>
  );
}
