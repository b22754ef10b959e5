import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type RequestError } from '../api.ts';

/**
 * Says what failed (`summary`), why, in the user's language, and offers a retry. For API errors
 * the reason is the problem+json title and detail, which the server already translated.
 * `children` says what the user can do about it, when there is more to do than retry; without
 * `onRetry` there is no retry button (a form's own submit button is the retry).
 */
export function ErrorMessage({
  summary,
  error,
  onRetry,
  children,
}: {
  summary: string;
  error: RequestError;
  onRetry?: (() => void) | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  let reason: string;
  if (error instanceof ApiError) {
    const title = error.title ?? t('errors.httpStatus', { status: error.status });
    reason = error.detail === undefined ? title : `${title}: ${error.detail}`;
  } else {
    reason = error.kind === 'network' ? t('errors.network') : t('errors.unexpected');
  }
  return (
    <div className="error-message" role="alert">
      <p className="error-message__summary">{summary}</p>
      <p>{reason}</p>
      {children}
      {onRetry !== undefined && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
