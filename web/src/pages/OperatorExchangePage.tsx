import { useTranslation } from 'react-i18next';
import { AccessGrants } from '../components/exchange/AccessGrants.tsx';
import { ExchangeMembers } from '../components/exchange/ExchangeMembers.tsx';
import { ExchangeMonitoring } from '../components/exchange/ExchangeMonitoring.tsx';
import { ExchangeServices } from '../components/exchange/ExchangeServices.tsx';
import { RoleGate } from '../components/staff/RoleGate.tsx';
import { parseExchangeServices, parseLegalActs } from '../exchange-api.ts';
import { isExchangeOperator } from '../staff-api.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** Section ids double as fragment links from the contents list. */
const SECTIONS = [
  { id: 'members', heading: 'operator.members.heading' },
  { id: 'services', heading: 'operator.services.heading' },
  { id: 'grants', heading: 'operator.grants.heading' },
  { id: 'monitoring', heading: 'operator.monitoring.heading' },
] as const;

/**
 * The exchange operator console (issue 3 item 11): members, services, access grants and
 * monitoring, with suspend, reinstate and revoke (EHIS-001-5.1, EHIS-001-5.3.1/5.3.2,
 * OPS-000-3.4.2). Only for an operator logged in with a certificate or mobile signature (the
 * session cookie carries it; IAM-004-7.1.1); the service and legal act catalogues are public.
 */
export function OperatorExchangePage() {
  const { t } = useTranslation();
  const title = t('operator.title');
  useDocumentTitle(title);
  // Both sections below use the service catalogue, so it is loaded once, here.
  const services = useApi('/api/exchange/services', parseExchangeServices);
  const legalActs = useApi('/api/exchange/legal-acts', parseLegalActs);

  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('operator.lead')}</p>
      <RoleGate
        returnTo="/operator/exchange"
        allowed={isExchangeOperator}
        noRole={t('staff.access.notOperator')}
      >
        {() => (
          <>
            <nav className="contents" aria-labelledby="contents-heading">
              <h2 id="contents-heading" className="contents__title">
                {t('operator.contentsLabel')}
              </h2>
              <ul className="contents__list">
                {SECTIONS.map((section) => (
                  <li key={section.id}>
                    <a href={`#${section.id}-heading`}>{t(section.heading)}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <ExchangeMembers headingId="members-heading" />
            <ExchangeServices
              headingId="services-heading"
              remote={services.remote}
              onRetry={services.retry}
            />
            <AccessGrants
              headingId="grants-heading"
              services={services.remote}
              legalActs={legalActs.remote}
            />
            <ExchangeMonitoring headingId="monitoring-heading" />
          </>
        )}
      </RoleGate>
    </>
  );
}
