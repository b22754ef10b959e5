import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getJson, TransportError, type Parser, type RequestError } from './api.ts';

export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: RequestError };

/**
 * Loads one API resource. It loads again when the language changes, because the server
 * translates problem details by Accept-Language; the previous result stays on screen meanwhile,
 * so switching language does not flash a loading message. `parse` and `acceptStatuses` must be
 * stable (module-level) values, or every render would load again.
 */
export function useApi<T>(
  path: string,
  parse: Parser<T>,
  acceptStatuses?: readonly number[],
): { remote: Remote<T>; retry: () => void } {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getJson(path, parse, { acceptStatuses, signal: controller.signal }).then(
      (data) => setRemote({ state: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError || error instanceof TransportError
            ? error
            : new TransportError('unexpected', { cause: error });
        setRemote({ state: 'error', error: failure });
      },
    );
    return () => controller.abort();
  }, [path, parse, acceptStatuses, language, attempt]);

  const retry = useCallback(() => {
    setRemote({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { remote, retry };
}
