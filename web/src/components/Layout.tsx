import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate, usePath } from '../router.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NAVIGATION, SECONDARY_PAGES } from '../routes.ts';
import { useAuth } from '../auth.tsx';
import { postJson } from '../api.ts';

/** Login link, or the user's name with profile and logout; the banner while acting for someone. */
function UserMenu() {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  if (me === undefined) return null;
  if (me === null) {
    return (
      <Link to="/login" className="site-header__link">
        {t('auth.header.login')}
      </Link>
    );
  }
  return (
    <div className="user-menu">
      <Link to="/profile" className="site-header__link">
        {me.firstName ?? me.username}
      </Link>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void logout().then(() => navigate('/'))}
      >
        {t('auth.header.logout')}
      </button>
    </div>
  );
}

function ActingBanner() {
  const { t } = useTranslation();
  const { me, refresh } = useAuth();
  if (me?.actingFor === undefined) return null;
  const stop = async () => {
    await postJson('/api/me/acting-for', { fin: null }, (v: unknown) => v);
    await refresh();
  };
  return (
    <div
      className="acting-banner"
      role="region"
      aria-label={t('auth.header.actingFor', { name: me.actingFor.name })}
    >
      <div className="container acting-banner__inner">
        <strong>{t('auth.header.actingFor', { name: me.actingFor.name })}</strong>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void stop()}
        >
          {t('auth.header.stopActing')}
        </button>
      </div>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const path = usePath();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand" aria-label={t('app.homeLink')}>
            {t('app.name')}
          </Link>
          <div className="user-menu">
            <UserMenu />
            <LanguageSwitcher />
          </div>
        </div>
        <div className="flag-stripe" aria-hidden="true" />
      </header>
      <ActingBanner />
      <nav className="primary-nav" aria-label={t('nav.label')}>
        <ul className="container primary-nav__list">
          {NAVIGATION.map((item) => (
            <li key={item.path}>
              <Link
                to={item.path}
                className="primary-nav__link"
                aria-current={item.path === path ? 'page' : undefined}
              >
                {t(`nav.${item.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {/* tabIndex -1: the skip link and route changes move focus here. */}
      <main id="main-content" className="container main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <nav aria-label={t('footer.linksLabel')}>
            <ul className="site-footer__links">
              <li>
                <a href="/api/docs">{t('footer.api')}</a>
              </li>
              {SECONDARY_PAGES.map((item) => (
                <li key={item.path}>
                  <Link to={item.path} aria-current={item.path === path ? 'page' : undefined}>
                    {t(`footer.${item.key}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <p>{t('footer.about')}</p>
        </div>
      </footer>
    </>
  );
}
