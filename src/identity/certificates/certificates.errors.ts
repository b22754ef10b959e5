import { defineError } from '../../platform/errors/app-error.ts';

/** E-signature certificates and certificate login (docs/errors.md, "Identity and sign-on"). */

export const CertificateChallengeInvalid = defineError({
  type: 'identity/certificate-challenge-invalid',
  status: 401,
  title: {
    az: 'Giriş sorğusunun vaxtı keçib və ya o artıq istifadə olunub',
    en: 'The login challenge has expired or was already used',
    ru: 'Запрос на вход просрочен или уже использован',
  },
  detail: {
    az: 'Hər giriş cəhdi üçün yeni sorğu alınır və o, 2 dəqiqə ərzində bir dəfə istifadə oluna bilər. Yenidən cəhd edin.',
    en: 'Each login attempt takes a new challenge, usable once within 2 minutes. Try again.',
    ru: 'Для каждой попытки входа выдаётся новый запрос, его можно использовать один раз в течение 2 минут. Повторите попытку.',
  },
});

export const CertificateUntrusted = defineError({
  type: 'identity/certificate-untrusted',
  status: 401,
  title: {
    az: 'Sertifikat etibarlı deyil',
    en: 'The certificate is not trusted',
    ru: 'Сертификат не является доверенным',
  },
  detail: {
    az: 'Sertifikat EHİS sertifikatlaşdırma mərkəzi tərəfindən verilməyib və ya zədələnib.',
    en: 'The certificate was not issued by the EHİS certification authority, or it is damaged.',
    ru: 'Сертификат выдан не удостоверяющим центром EHİS или повреждён.',
  },
});

export const CertificateExpired = defineError({
  type: 'identity/certificate-expired',
  status: 401,
  title: {
    az: 'Sertifikatın müddəti bitib',
    en: 'The certificate has expired',
    ru: 'Срок действия сертификата истёк',
  },
  detail: {
    az: 'Sertifikat indi qüvvədə deyil (müddəti bitib və ya hələ başlamayıb). Yeni sertifikat alın.',
    en: 'The certificate is not in force now (it has expired or is not yet valid). Get a new certificate.',
    ru: 'Сертификат сейчас не действует (срок истёк или ещё не начался). Получите новый сертификат.',
  },
});

export const CertificateRevoked = defineError({
  type: 'identity/certificate-revoked',
  status: 401,
  title: {
    az: 'Sertifikat ləğv edilib',
    en: 'The certificate has been revoked',
    ru: 'Сертификат отозван',
  },
  detail: {
    az: 'Bu sertifikat ləğv edilib və onunla daxil olmaq olmaz. Başqa üsulla daxil olun və ya yeni sertifikat alın.',
    en: 'This certificate has been revoked and cannot be used to log in. Use another method or get a new certificate.',
    ru: 'Этот сертификат отозван, войти с ним нельзя. Используйте другой способ или получите новый сертификат.',
  },
});

export const CertificateNotForLogin = defineError({
  type: 'identity/certificate-not-for-login',
  status: 401,
  title: {
    az: 'Bu sertifikatla daxil olmaq olmaz',
    en: 'This certificate cannot be used to log in',
    ru: 'С этим сертификатом нельзя войти',
  },
  detail: {
    az: 'Giriş üçün FİN-i göstərilmiş, imza üçün nəzərdə tutulmuş şəxsi sertifikat lazımdır və şəxs əhali reyestrində olmalıdır.',
    en: 'Logging in needs a personal signature certificate naming a FİN of a person in the population register.',
    ru: 'Для входа нужен личный сертификат подписи с FİN лица, состоящего в регистре населения.',
  },
});

export const CertificateSignatureInvalid = defineError({
  type: 'identity/certificate-signature-invalid',
  status: 401,
  title: {
    az: 'İmza yoxlanılmadı',
    en: 'The signature could not be verified',
    ru: 'Подпись не прошла проверку',
  },
  detail: {
    az: 'İmza bu sertifikatın açarı ilə verilmiş giriş sorğusuna uyğun gəlmir. Sertifikat faylını və şifrəni yoxlayıb yenidən cəhd edin.',
    en: 'The signature does not match the login challenge under this certificate’s key. Check the certificate file and password and try again.',
    ru: 'Подпись не соответствует запросу на вход для ключа этого сертификата. Проверьте файл сертификата и пароль и повторите.',
  },
});

export const CertificateNotFoundForHolder = defineError({
  type: 'identity/certificate-not-found',
  status: 404,
  title: {
    az: 'Sertifikat tapılmadı',
    en: 'Certificate not found',
    ru: 'Сертификат не найден',
  },
  detail: {
    az: 'Sizin belə sertifikatınız yoxdur.',
    en: 'You have no such certificate.',
    ru: 'У вас нет такого сертификата.',
  },
});

export const CertificateAlreadyRevokedForHolder = defineError({
  type: 'identity/certificate-already-revoked',
  status: 409,
  title: {
    az: 'Sertifikat artıq ləğv edilib',
    en: 'The certificate is already revoked',
    ru: 'Сертификат уже отозван',
  },
  detail: {
    az: 'Ləğv geri qaytarılmır; lazım olsa, yeni sertifikat alın.',
    en: 'A revocation is final; get a new certificate if you need one.',
    ru: 'Отзыв окончателен; при необходимости получите новый сертификат.',
  },
});

export const CertificateSelfServiceOff = defineError({
  type: 'identity/certificate-self-service-off',
  status: 403,
  title: {
    az: 'Sertifikat burada verilmir',
    en: 'Certificates are not issued here',
    ru: 'Сертификаты здесь не выдаются',
  },
  detail: {
    az: 'E-imza sertifikatını qeydiyyat mərkəzi verir. Portalda özünüz sertifikat yaratmaq yalnız demo rejimində mümkündür.',
    en: 'E-signature certificates are issued by the registration authority. Creating one yourself on the portal is possible only in demo mode.',
    ru: 'Сертификаты электронной подписи выдаёт регистрационный центр. Создать его самостоятельно на портале можно только в демо-режиме.',
  },
});

export const TooManyCertificates = defineError({
  type: 'identity/too-many-certificates',
  status: 409,
  title: {
    az: 'Qüvvədə olan sertifikatların sayı həddə çatıb',
    en: 'Too many certificates in force',
    ru: 'Слишком много действующих сертификатов',
  },
  detail: {
    az: 'Eyni vaxtda ən çox {limit} sertifikat qüvvədə ola bilər. Əvvəlcə istifadə etmədiyinizi ləğv edin.',
    en: 'At most {limit} certificates may be in force at once. Revoke one you no longer use first.',
    ru: 'Одновременно может действовать не более {limit} сертификатов. Сначала отзовите неиспользуемый.',
  },
});
