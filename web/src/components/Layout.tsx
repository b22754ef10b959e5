import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, usePath } from '../router.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NAVIGATION, SECONDARY_PAGES } from '../routes.ts';

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
          <LanguageSwitcher />
        </div>
        <div className="flag-stripe" aria-hidden="true" />
      </header>
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
