import { useTranslation } from 'react-i18next';
import { ApiError, type RequestError } from '../api.ts';

/**
 * Says what failed (`summary`), why, in the user's language, and offers a retry. For API errors
 * the reason is the problem+json title and detail, which the server already translated.
 */
export function ErrorMessage({
  summary,
  error,
  onRetry,
}: {
  summary: string;
  error: RequestError;
  onRetry: () => void;
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
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
