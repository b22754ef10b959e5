import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, getJson, isOneOf, isRecord, noContent, postJson, type Parser } from './api.ts';

export const ACR_LEVELS = ['low', 'substantial', 'high'] as const;
export type AcrLevel = (typeof ACR_LEVELS)[number];
export const RELATIONS = ['parent', 'guardian', 'curator'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface ActingFor {
  fin: string;
  name: string;
  relation: Relation;
  until: string | null;
}

/** getMe: who is logged in. */
export interface Me {
  userId: string;
  kind: string;
  username: string;
  fin: string | null;
  firstName: string | null;
  lastName: string | null;
  patronymic: string | null;
  birthDate: string | null;
  acr: AcrLevel;
  amr: string[];
  actingFor: ActingFor | undefined;
}

const nullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

export const parseActingFor: Parser<ActingFor> = (value) => {
  if (!isRecord(value)) return undefined;
  const { fin, name, relation, until } = value;
  if (typeof fin !== 'string' || typeof name !== 'string' || !nullableString(until))
    return undefined;
  if (typeof relation !== 'string' || !isOneOf(RELATIONS, relation)) return undefined;
  return { fin, name, relation, until };
};

export const parseMe: Parser<Me> = (value) => {
  if (!isRecord(value)) return undefined;
  const { userId, kind, username, fin, firstName, lastName, patronymic, birthDate, acr, amr } =
    value;
  if (typeof userId !== 'string' || typeof username !== 'string' || typeof kind !== 'string') {
    return undefined;
  }
  if (![fin, firstName, lastName, patronymic, birthDate].every(nullableString)) return undefined;
  if (typeof acr !== 'string' || !isOneOf(ACR_LEVELS, acr)) return undefined;
  if (!Array.isArray(amr) || !amr.every((m) => typeof m === 'string')) return undefined;
  const actingFor = value.actingFor === undefined ? undefined : parseActingFor(value.actingFor);
  if (value.actingFor !== undefined && actingFor === undefined) return undefined;
  return {
    userId,
    kind,
    username,
    fin: fin as string | null,
    firstName: firstName as string | null,
    lastName: lastName as string | null,
    patronymic: patronymic as string | null,
    birthDate: birthDate as string | null,
    acr,
    amr: amr,
    actingFor,
  };
};

interface AuthState {
  /** undefined while the first answer is awaited; null when nobody is logged in. */
  readonly me: Me | null | undefined;
  /** Asks getMe again (after a login, a switch of "acting for", …). */
  readonly refresh: () => Promise<Me | null>;
  readonly logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState>({
  me: undefined,
  refresh: () => Promise.resolve(null),
  logout: () => Promise.resolve(),
});

async function loadMe(): Promise<Me | null> {
  try {
    return await getJson('/api/me', parseMe);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The logged-in user for the whole app; the session itself is an httpOnly cookie. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const next = await loadMe();
      setMe(next);
      return next;
    } catch {
      // The network failed: keep what we knew; pages show their own errors.
      setMe((current) => current ?? null);
      return null;
    }
  }, []);
  const logout = useCallback(async () => {
    await postJson('/api/auth/logout', undefined, noContent);
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <AuthContext value={{ me, refresh, logout }}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/**
 * Where to go after a login: `?return=` when it is a path of this site (never another origin),
 * else the profile.
 */
export function returnPath(search: string): string {
  const target = new URLSearchParams(search).get('return');
  if (
    target === null ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.includes('\\')
  ) {
    return '/profile';
  }
  return target;
}
