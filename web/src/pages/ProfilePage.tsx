import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { PROFILE_SECTIONS } from '../components/profile/profile-sections.tsx';
import { RepresentedSection } from '../components/profile/RepresentedSection.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

/** /profile: personal data (getMe), acting for, then certificates, devices, passkeys, sessions. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('auth.profile.title'));
  const language = currentLanguage();
  if (me === undefined) return <p>{t('auth.loading')}</p>;
  if (me === null) {
    return (
      <>
        <h1>{t('auth.profile.title')}</h1>
        <p>{t('auth.profile.notLoggedIn')}</p>
        <p>
          <Link to="/login?return=/profile" className="button">
            {t('auth.header.login')}
          </Link>
        </p>
      </>
    );
  }
  const fullName = [me.lastName, me.firstName, me.patronymic].filter((x) => x !== null).join(' ');
  return (
    <>
      <h1>{t('auth.profile.title')}</h1>
      <section className="section" aria-labelledby="personal-title">
        <h2 id="personal-title">{t('auth.profile.personal')}</h2>
        <dl className="summary-list">
          {fullName !== '' && (
            <>
              <dt>{t('auth.profile.name')}</dt>
              <dd>{fullName}</dd>
            </>
          )}
          {me.fin !== null && (
            <>
              <dt>{t('auth.profile.fin')}</dt>
              <dd>{me.fin}</dd>
            </>
          )}
          {me.birthDate !== null && (
            <>
              <dt>{t('auth.profile.birthDate')}</dt>
              <dd>{formatDate(me.birthDate, language)}</dd>
            </>
          )}
          <dt>{t('auth.profile.username')}</dt>
          <dd>{me.username}</dd>
          <dt>{t('auth.profile.acr')}</dt>
          <dd data-acr={me.acr}>{t(`auth.acr.${me.acr}`)}</dd>
        </dl>
      </section>
      <RepresentedSection />
      {PROFILE_SECTIONS.map(({ key, Component }) => (
        <Component key={key} />
      ))}
    </>
  );
}
