import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** The id of the operator token field, for the links that lead to it. */
export const OPERATOR_TOKEN_FIELD_ID = 'operator-token';

/** A fragment link scrolls but leaves focus behind; the field should be ready to type in. */
function focusTokenField(event: MouseEvent<HTMLAnchorElement>): void {
  const field = document.getElementById(OPERATOR_TOKEN_FIELD_ID);
  if (field === null) return;
  event.preventDefault();
  field.focus();
}

/**
 * An ErrorMessage for operator operations. A 401 or 403 means the operator token is missing or
 * wrong, so it says so and, outside a dialog, links to the token field; the problem's own title
 * and detail stay visible above that.
 */
export function OperatorErrorMessage({
  summary,
  error,
  onRetry,
  linkToToken = false,
}: {
  summary: string;
  error: RequestError;
  onRetry?: (() => void) | undefined;
  linkToToken?: boolean;
}) {
  const { t } = useTranslation();
  const refused = error instanceof ApiError && (error.status === 401 || error.status === 403);
  return (
    <ErrorMessage summary={summary} error={error} onRetry={onRetry}>
      {refused && (
        <p>
          {t('operator.token.refused')}
          {linkToToken && (
            <>
              {' '}
              <a href={`#${OPERATOR_TOKEN_FIELD_ID}`} onClick={focusTokenField}>
                {t('operator.token.enterToken')}
              </a>
            </>
          )}
        </p>
      )}
    </ErrorMessage>
  );
}
