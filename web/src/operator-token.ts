import { useCallback, useState } from 'react';

/**
 * The operator token (EHIS_OPERATOR_TOKEN) the console sends as `Authorization: Bearer …`.
 * sessionStorage, not localStorage: it is gone when the tab closes, and other tabs never see it.
 * Until the identity module provides operator logins this is the operator's only credential.
 */
const STORAGE_KEY = 'ehis.operatorToken';

function readToken(): string | undefined {
  try {
    const stored = window.sessionStorage.getItem(STORAGE_KEY);
    return stored === null || stored === '' ? undefined : stored;
  } catch {
    return undefined;
  }
}

function storeToken(token: string | undefined): void {
  try {
    if (token === undefined) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage refused (privacy mode): the token still works until the page is reloaded.
  }
}

/** The token (undefined when none) and a setter that keeps sessionStorage in step. */
export function useOperatorToken(): [string | undefined, (token: string | undefined) => void] {
  const [token, setTokenState] = useState(readToken);
  const setToken = useCallback((next: string | undefined) => {
    const value = next === undefined || next.trim() === '' ? undefined : next.trim();
    storeToken(value);
    setTokenState(value);
  }, []);
  return [token, setToken];
}
