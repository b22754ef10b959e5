import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Remote } from '../use-api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/**
 * The states of a loaded list, said the same way everywhere: loading, an error with a retry,
 * "none yet" (`empty`), or the items (`children`).
 */
export function RemoteList<T>({
  remote,
  retry,
  summary,
  empty,
  children,
}: {
  readonly remote: Remote<readonly T[]>;
  readonly retry: () => void;
  /** What failed, for the error message (usually the section's title). */
  readonly summary: string;
  readonly empty?: string | undefined;
  readonly children: (items: readonly T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (remote.state === 'loading') return <p>{t('auth.loading')}</p>;
  if (remote.state === 'error') {
    return <ErrorMessage summary={summary} error={remote.error} onRetry={retry} />;
  }
  if (remote.data.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return <>{children(remote.data)}</>;
}
