import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getJson, TransportError, type Parser, type RequestError } from './api.ts';

export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: RequestError };

export interface UseApiOptions {
  /** See GetOptions.acceptStatuses; must be a stable (module-level) value. */
  readonly acceptStatuses?: readonly number[] | undefined;
  /** The Authorization header value; a change loads the resource again. */
  readonly authorization?: string | undefined;
}

const LOADING = { state: 'loading' } as const;

/**
 * Loads one API resource. It loads again when the language changes, because the server
 * translates problem details by Accept-Language; the previous result stays on screen meanwhile,
 * so switching language does not flash a loading message. Another path or another authorization
 * is another resource, shown as loading until it arrives. `parse` must be stable (module-level),
 * or every render would load again.
 *
 * `retry` shows the loading state again (after an error); `reload` keeps the current result on
 * screen until the new one arrives (after a change the user made, so the table does not jump).
 */
export function useApi<T>(
  path: string,
  parse: Parser<T>,
  options: UseApiOptions = {},
): { remote: Remote<T>; retry: () => void; reload: () => void } {
  const { acceptStatuses, authorization } = options;
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const resource = `${path}\n${authorization ?? ''}`;
  const [result, setResult] = useState<{ resource: string; remote: Remote<T> }>({
    resource,
    remote: LOADING,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getJson(path, parse, { acceptStatuses, authorization, signal: controller.signal }).then(
      (data) => setResult({ resource, remote: { state: 'ok', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError || error instanceof TransportError
            ? error
            : new TransportError('unexpected', { cause: error });
        setResult({ resource, remote: { state: 'error', error: failure } });
      },
    );
    return () => controller.abort();
  }, [resource, path, parse, acceptStatuses, authorization, language, attempt]);

  const retry = useCallback(() => {
    setResult((current) => ({ resource: current.resource, remote: LOADING }));
    setAttempt((n) => n + 1);
  }, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { remote: result.resource === resource ? result.remote : LOADING, retry, reload };
}
