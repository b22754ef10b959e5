import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { returnPath, useAuth } from '../auth.tsx';
import { LOGIN_METHODS } from '../components/auth/login-methods.tsx';
import { navigate } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

/** Paths the web app does not render: the server answers them (the OIDC interaction). */
function isServerPath(path: string): boolean {
  return path.startsWith('/oidc') || path.startsWith('/api/');
}

/**
 * /login: one tab per login method (WAI-ARIA tabs, arrow keys move between them). `?return=`
 * says where to go afterwards; `?acr=high` asks for a method of that level and opens the first.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  useDocumentTitle(t('auth.login.title'));
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('acr');
  const wanted = asked === 'high' || asked === 'substantial' ? asked : undefined;
  const rank = { low: 1, substantial: 2, high: 3 } as const;
  const methods =
    wanted === undefined ? LOGIN_METHODS : LOGIN_METHODS.filter((m) => rank[m.acr] >= rank[wanted]);
  const wantsHigh = wanted !== undefined;
  const fromHash = methods.findIndex((m) => `#${m.key}` === window.location.hash);
  const [active, setActive] = useState(Math.max(0, fromHash));
  const current = methods[active] ?? methods[0];

  async function loggedIn(): Promise<void> {
    await refresh();
    const target = returnPath(window.location.search);
    if (isServerPath(target)) window.location.assign(target);
    else navigate(target);
  }

  function onKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const last = methods.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    document.getElementById(`login-tab-${methods[next]?.key ?? ''}`)?.focus();
  }

  return (
    <>
      <h1>{t('auth.login.title')}</h1>
      <p className="lead">{t('auth.login.lead')}</p>
      {wantsHigh && (
        <div className="notice">
          <p>{t('auth.login.strongerRequired')}</p>
        </div>
      )}
      <div className="tabs">
        <div className="tabs__list" role="tablist" aria-label={t('auth.methods.label')}>
          {methods.map((method, index) => (
            <button
              key={method.key}
              id={`login-tab-${method.key}`}
              type="button"
              role="tab"
              className="tabs__tab"
              aria-selected={index === active}
              aria-controls={`login-panel-${method.key}`}
              tabIndex={index === active ? 0 : -1}
              onClick={() => setActive(index)}
              onKeyDown={(event) => onKey(event, index)}
            >
              {t(method.label)}
            </button>
          ))}
        </div>
        {current !== undefined && (
          <div
            className="tabs__panel"
            role="tabpanel"
            id={`login-panel-${current.key}`}
            aria-labelledby={`login-tab-${current.key}`}
            tabIndex={0}
          >
            <current.Component onLoggedIn={() => void loggedIn()} />
          </div>
        )}
      </div>
    </>
  );
}
