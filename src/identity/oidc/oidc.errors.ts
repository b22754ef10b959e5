import { defineError } from '../../platform/errors/app-error.ts';

/** Single sign-on (OpenID Connect provider) errors (docs/errors.md). */

export const OidcClientNotFound = defineError({
  type: 'identity/oidc-client-not-found',
  status: 404,
  title: {
    az: 'Belə qoşulmuş sistem yoxdur',
    en: 'No such relying party',
    ru: 'Такой подключённой системы нет',
  },
  detail: {
    az: 'Bu identifikatorla aktiv OpenID Connect müştərisi qeydiyyatda deyil (və ya artıq ləğv edilib).',
    en: 'No active OpenID Connect client is registered with this id (or it has been revoked already).',
    ru: 'Активный клиент OpenID Connect с таким идентификатором не зарегистрирован (или уже отозван).',
  },
});

export const OidcInteractionExpired = defineError({
  type: 'identity/oidc-interaction-expired',
  status: 400,
  title: {
    az: 'Giriş sorğusunun vaxtı bitib',
    en: 'The login request has expired',
    ru: 'Срок запроса на вход истёк',
  },
  detail: {
    az: 'Daxil olmaq istədiyiniz xidmətin saytına qayıdın və girişə yenidən başlayın.',
    en: 'Go back to the site of the service you wanted to use and start the login again.',
    ru: 'Вернитесь на сайт нужной услуги и начните вход заново.',
  },
});
