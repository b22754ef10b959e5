import { useTranslation } from 'react-i18next';
import type { Application } from '../../registry-api.ts';

/** Pending, approved or refused; a pending application past its due date is flagged overdue. */
export function ApplicationStatusTag({ application }: { application: Application }) {
  const { t } = useTranslation();
  const className =
    application.status === 'approved'
      ? 'tag tag--green'
      : application.status === 'refused' || application.overdue
        ? 'tag tag--red'
        : 'tag';
  return (
    <span className={`${className} tag--nowrap`}>
      {application.overdue
        ? t('registry.status.overdue')
        : t(`registry.status.${application.status}`)}
    </span>
  );
}
