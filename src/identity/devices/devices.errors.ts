import { defineError } from '../../platform/errors/app-error.ts';

/** Mobile signature and smartphone QR login errors (docs/errors.md, "Identity and sign-on"). */

export const DeviceKeyInvalid = defineError({
  type: 'identity/device-key-invalid',
  status: 422,
  title: {
    az: 'Cihazın açarı qəbul edilmədi',
    en: 'The device key is not accepted',
    ru: 'Ключ устройства не принят',
  },
  detail: {
    az: 'Açıq açar ECDSA P-256 (JWK) olmalıdır və əvvəllər qeydiyyatdan keçməməlidir.',
    en: 'The public key must be an ECDSA P-256 JWK that has not been registered before.',
    ru: 'Открытый ключ должен быть ECDSA P-256 (JWK) и не должен быть зарегистрирован ранее.',
  },
});

export const DeviceLimit = defineError({
  type: 'identity/device-limit',
  status: 409,
  title: {
    az: 'Cihazların sayı həddə çatıb',
    en: 'Too many devices',
    ru: 'Слишком много устройств',
  },
  detail: {
    az: 'Ən çoxu {max} cihaz qeydiyyatdan keçirmək olar. Əvvəlcə istifadə etmədiyiniz cihazı silin.',
    en: 'At most {max} devices can be registered. Revoke one you no longer use first.',
    ru: 'Можно зарегистрировать не более {max} устройств. Сначала отзовите неиспользуемое.',
  },
});

export const DeviceActivationRefused = defineError({
  type: 'identity/device-activation-refused',
  status: 403,
  title: {
    az: 'Cihazın bu üsulla aktivləşdirilməsinə icazə verilmir',
    en: 'The device cannot be activated this way',
    ru: 'Устройство нельзя активировать этим способом',
  },
  detail: {
    az: 'Demo aktivləşdirmə yalnız demo rejimində mümkündür. Yüksək etibarlılıq üçün cihazı elektron imza sertifikatı ilə daxil olduqdan sonra qeydiyyatdan keçirin.',
    en: 'Demo activation exists only in demo mode. For high assurance, register the device after logging in with an e-signature certificate.',
    ru: 'Демо-активация доступна только в демо-режиме. Для высокого уровня зарегистрируйте устройство после входа по сертификату электронной подписи.',
  },
});

export const DeviceNotFound = defineError({
  type: 'identity/device-not-found',
  status: 404,
  title: { az: 'Cihaz tapılmadı', en: 'Device not found', ru: 'Устройство не найдено' },
  detail: {
    az: 'Belə aktiv cihazınız yoxdur.',
    en: 'You have no such active device.',
    ru: 'У вас нет такого активного устройства.',
  },
});

export const DeviceUnrecognised = defineError({
  type: 'identity/device-unrecognised',
  status: 401,
  title: {
    az: 'Cihaz tanınmadı',
    en: 'The device was not recognised',
    ru: 'Устройство не распознано',
  },
  detail: {
    az: 'Cihaz qeydiyyatda deyil və ya ləğv edilib, yaxud onun imzalı sübutu etibarsız və ya köhnədir. Cihazın saatını yoxlayın və ya cihazı yenidən qeydiyyatdan keçirin.',
    en: 'The device is not registered or was revoked, or its signed proof is invalid or stale. Check the device clock or register the device again.',
    ru: 'Устройство не зарегистрировано или отозвано, либо его подписанное доказательство недействительно или устарело. Проверьте часы устройства или зарегистрируйте его снова.',
  },
});

export const DeviceSignatureInvalid = defineError({
  type: 'identity/device-signature-invalid',
  status: 401,
  title: {
    az: 'Cihazın imzası etibarsızdır',
    en: 'The device signature is invalid',
    ru: 'Подпись устройства недействительна',
  },
  detail: {
    az: 'Cavab bu sorğu üçün cihazın açarı ilə imzalanmayıb; heç nə dəyişmədi.',
    en: 'The answer was not signed for this request with the device key; nothing changed.',
    ru: 'Ответ не подписан ключом устройства для этого запроса; ничего не изменено.',
  },
});

export const DeviceRequestNotFound = defineError({
  type: 'identity/device-request-not-found',
  status: 404,
  title: {
    az: 'Bu cihaz üçün belə sorğu yoxdur',
    en: 'No such request for this device',
    ru: 'Для этого устройства нет такого запроса',
  },
  detail: {
    az: 'Giriş sorğusu başqa cihaza ünvanlanıb və ya QR kodu bu sorğuya aid deyil.',
    en: 'The login request is addressed to another device, or the QR code does not belong to it.',
    ru: 'Запрос входа адресован другому устройству, или QR-код к нему не относится.',
  },
});

export const LoginChallengeNotFound = defineError({
  type: 'identity/login-challenge-not-found',
  status: 404,
  title: {
    az: 'Bu brauzerdə belə giriş yoxdur',
    en: 'No such login in this browser',
    ru: 'В этом браузере нет такого входа',
  },
  detail: {
    az: 'Giriş yalnız onu başladan brauzerdə tamamlanır. Girişi yenidən başladın.',
    en: 'A login completes only in the browser that started it. Start the login again.',
    ru: 'Вход завершается только в браузере, где он начат. Начните вход заново.',
  },
});

export const LoginChallengeExpired = defineError({
  type: 'identity/login-challenge-expired',
  status: 410,
  title: {
    az: 'Giriş sorğusunun vaxtı bitib',
    en: 'The login request has expired',
    ru: 'Срок запроса входа истёк',
  },
  detail: {
    az: 'Sorğu 2 dəqiqə qüvvədədir. Girişi yenidən başladın.',
    en: 'A request is valid for 2 minutes. Start the login again.',
    ru: 'Запрос действует 2 минуты. Начните вход заново.',
  },
});

export const LoginChallengeUsed = defineError({
  type: 'identity/login-challenge-used',
  status: 409,
  title: {
    az: 'Giriş sorğusu artıq istifadə olunub',
    en: 'The login request was already used',
    ru: 'Запрос входа уже использован',
  },
  detail: {
    az: 'Hər sorğu yalnız bir dəfə təsdiqlənir və ya rədd edilir. Girişi yenidən başladın.',
    en: 'Each request is approved or denied only once. Start the login again.',
    ru: 'Каждый запрос подтверждается или отклоняется только один раз. Начните вход заново.',
  },
});

export const LoginChallengePending = defineError({
  type: 'identity/login-challenge-pending',
  status: 409,
  title: {
    az: 'Giriş hələ təsdiqlənməyib',
    en: 'The login is not approved yet',
    ru: 'Вход ещё не подтверждён',
  },
  detail: {
    az: 'Telefonunuzda kodu yoxlayın və sorğunu təsdiqləyin.',
    en: 'Check the code on your phone and approve the request.',
    ru: 'Сверьте код на телефоне и подтвердите запрос.',
  },
});

export const LoginChallengeDenied = defineError({
  type: 'identity/login-challenge-denied',
  status: 403,
  title: {
    az: 'Giriş telefonda rədd edildi',
    en: 'The login was denied on the phone',
    ru: 'Вход отклонён на телефоне',
  },
  detail: {
    az: 'Girişi siz başlatmamısınızsa, heç nə etməyin: hesabınıza giriş olmadı.',
    en: 'If you did not start this login, do nothing: nobody logged in to your account.',
    ru: 'Если вы не начинали этот вход, ничего не делайте: в вашу учётную запись никто не вошёл.',
  },
});
