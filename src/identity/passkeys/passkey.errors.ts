import { defineError } from '../../platform/errors/app-error.ts';

/** Passkey (WebAuthn) errors (docs/errors.md). */

export const PasskeyNotAccepted = defineError({
  type: 'identity/passkey-not-accepted',
  status: 401,
  title: {
    az: 'Açar təsdiqlənmədi',
    en: 'The passkey was not accepted',
    ru: 'Ключ доступа не принят',
  },
  // One answer for every cause: an unknown key, a used or expired challenge, a bad signature.
  detail: {
    az: 'Yenidən cəhd edin. Bu açar bu sayt üçün qeydiyyatdan keçməyibsə, başqa üsulla daxil olun və profildə açar əlavə edin.',
    en: 'Try again. If this passkey is not registered for this site, log in another way and add a passkey in your profile.',
    ru: 'Повторите попытку. Если этот ключ не зарегистрирован для сайта, войдите другим способом и добавьте ключ в профиле.',
  },
});

export const PasskeyNotFound = defineError({
  type: 'identity/passkey-not-found',
  status: 404,
  title: { az: 'Açar tapılmadı', en: 'Passkey not found', ru: 'Ключ доступа не найден' },
  detail: {
    az: 'Belə açarınız yoxdur.',
    en: 'You have no such passkey.',
    ru: 'У вас нет такого ключа доступа.',
  },
});

export const PasskeyUnavailable = defineError({
  type: 'identity/passkey-unavailable',
  status: 400,
  title: {
    az: 'Bu ünvanda açarlar işləmir',
    en: 'Passkeys do not work at this address',
    ru: 'Ключи доступа не работают по этому адресу',
  },
  detail: {
    az: 'Açarlar IP ünvanında deyil, domen adında işləyir: saytı {suggestion} ünvanında açın.',
    en: 'Passkeys need a domain name, not an IP address: open the site at {suggestion}.',
    ru: 'Ключам доступа нужно доменное имя, а не IP-адрес: откройте сайт по адресу {suggestion}.',
  },
});
