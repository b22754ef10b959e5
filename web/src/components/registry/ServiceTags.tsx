import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../registry-api.ts';

/** Type, payment and users of a service as tags: what a citizen scans a result list for. */
export function ServiceTags({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  return (
    <ul className="tag-list" aria-label={t('registry.fields.characteristics')}>
      <li>
        <span className={service.type === 'informative' ? 'tag tag--green' : 'tag'}>
          {t(`registry.type.${service.type}`)}
        </span>
      </li>
      <li>
        <span className={service.paid ? 'tag tag--red' : 'tag tag--green'}>
          {t(`registry.paid.${service.paid ? 'true' : 'false'}`)}
        </span>
      </li>
      {service.users.map((user) => (
        <li key={user}>
          <span className="tag tag--grey">{t(`registry.users.${user}`)}</span>
        </li>
      ))}
    </ul>
  );
}
