import { useTranslation } from 'react-i18next';
import { ApiError, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { OPERATOR_LOGIN_PATH } from '../staff/RoleGate.tsx';

/**
 * An ErrorMessage for operator operations. A 401 or 403 means the session ended, is not strong
 * enough or lacks the operator role, so it says so and, outside a dialog, links to a login with a
 * certificate or mobile signature; the problem's own title and detail stay visible above that.
 */
export function OperatorErrorMessage({
  summary,
  error,
  onRetry,
  linkToLogin = false,
}: {
  summary: string;
  error: RequestError;
  onRetry?: (() => void) | undefined;
  linkToLogin?: boolean;
}) {
  const { t } = useTranslation();
  const refused = error instanceof ApiError && (error.status === 401 || error.status === 403);
  return (
    <ErrorMessage summary={summary} error={error} onRetry={onRetry}>
      {refused && (
        <p>
          {t('staff.access.operatorRefused')}
          {linkToLogin && (
            <>
              {' '}
              <a href={OPERATOR_LOGIN_PATH}>{t('staff.access.loginHigh')}</a>
            </>
          )}
        </p>
      )}
    </ErrorMessage>
  );
}
