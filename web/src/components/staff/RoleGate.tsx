import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { parseMyRoles, type MyRole } from '../../staff-api.ts';
import { useApi } from '../../use-api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Where an operator logs in: a certificate or mobile signature, then back to the console. */
export const OPERATOR_LOGIN_PATH = '/login?return=/operator/exchange&acr=high';

function loginPath(returnTo: string): string {
  return `/login?return=${returnTo}&acr=high`;
}

function Roles({
  allowed,
  noRole,
  children,
}: {
  allowed: (roles: readonly MyRole[]) => boolean;
  noRole: string;
  children: (roles: readonly MyRole[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { remote, retry } = useApi('/api/me/roles', parseMyRoles);
  if (remote.state === 'loading') return <p role="status">{t('staff.access.checking')}</p>;
  if (remote.state === 'error') {
    return (
      <ErrorMessage summary={t('staff.access.rolesFailed')} error={remote.error} onRetry={retry} />
    );
  }
  if (!allowed(remote.data)) {
    return (
      <div className="notice">
        <p>{noRole}</p>
      </div>
    );
  }
  return <>{children(remote.data)}</>;
}

/**
 * Staff and operator pages: shown only to a person logged in with a certificate or mobile
 * signature (acr high, seed 004 §7.1.1) who holds the role; anyone else is told what is missing
 * and, when it is the login, offered one that comes back here. The server checks the same on
 * every request; this only saves a page of refusals.
 */
export function RoleGate({
  returnTo,
  allowed,
  noRole,
  children,
}: {
  returnTo: string;
  allowed: (roles: readonly MyRole[]) => boolean;
  /** What to say to a person with a strong login but without the role. */
  noRole: string;
  children: (roles: readonly MyRole[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (me === undefined) return <p role="status">{t('staff.access.checking')}</p>;
  if (me === null || me.acr !== 'high') {
    return (
      <div className="notice">
        <p>{me === null ? t('staff.access.loginRequired') : t('staff.access.strongerRequired')}</p>
        <p>
          <Link to={loginPath(returnTo)}>{t('staff.access.loginHigh')}</Link>
        </p>
      </div>
    );
  }
  return (
    <Roles allowed={allowed} noRole={noRole}>
      {children}
    </Roles>
  );
}
