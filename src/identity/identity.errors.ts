import { defineError } from '../platform/errors/app-error.ts';

/** Identity and sign-on errors (docs/errors.md). */

export const IdCardNotVerified = defineError({
  type: 'identity/id-card-not-verified',
  status: 422,
  title: {
    az: 'Şəxsiyyət vəsiqəsi təsdiqlənmədi',
    en: 'The identity card could not be verified',
    ru: 'Удостоверение личности не подтверждено',
  },
  // One message for every cause (seed 000 §3.1.2): it must not tell which field was wrong.
  detail: {
    az: 'Şəxsiyyət vəsiqəsinin nömrəsini və FİN-i vəsiqədə yazıldığı kimi daxil edin. Vəsiqə etibarlı olmalıdır.',
    en: 'Enter the identity card number and the FİN exactly as printed on the card. The card must be valid.',
    ru: 'Введите номер удостоверения и FİN в точности как на удостоверении. Удостоверение должно быть действительным.',
  },
});

export const AccountExists = defineError({
  type: 'identity/account-exists',
  status: 409,
  title: {
    az: 'Bu şəxs artıq qeydiyyatdan keçib',
    en: 'This person already has an account',
    ru: 'У этого человека уже есть учётная запись',
  },
  detail: {
    az: 'Bir FİN üçün yalnız bir hesab açılır. Şifrəni unutmusunuzsa, sertifikat və ya mobil imza ilə daxil olun.',
    en: 'Only one account is opened per FİN. If you forgot the password, log in with a certificate or mobile signature.',
    ru: 'На один FİN открывается одна учётная запись. Если вы забыли пароль, войдите по сертификату или мобильной подписи.',
  },
});

export const UsernameTaken = defineError({
  type: 'identity/username-taken',
  status: 409,
  title: {
    az: 'Bu istifadəçi adı tutulub',
    en: 'This username is taken',
    ru: 'Это имя пользователя занято',
  },
  detail: {
    az: 'Başqa istifadəçi adı seçin (böyük və kiçik hərflər fərqləndirilmir).',
    en: 'Choose another username (upper and lower case count as the same).',
    ru: 'Выберите другое имя пользователя (регистр букв не различается).',
  },
});

export const BadCredentials = defineError({
  type: 'identity/bad-credentials',
  status: 401,
  title: {
    az: 'İstifadəçi adı və ya şifrə yanlışdır',
    en: 'Wrong username or password',
    ru: 'Неверное имя пользователя или пароль',
  },
  detail: {
    az: 'Daxil etdiyiniz istifadəçi adı və ya şifrə yanlışdır.',
    en: 'The username or the password you entered is wrong.',
    ru: 'Введённое имя пользователя или пароль неверны.',
  },
});

export const TooManyAttempts = defineError({
  type: 'identity/too-many-attempts',
  status: 429,
  title: {
    az: 'Çox sayda uğursuz cəhd',
    en: 'Too many failed attempts',
    ru: 'Слишком много неудачных попыток',
  },
  detail: {
    az: '{seconds} saniyədən sonra yenidən cəhd edin və ya sertifikat, mobil imza ilə daxil olun.',
    en: 'Try again in {seconds} seconds, or log in with a certificate or mobile signature.',
    ru: 'Повторите через {seconds} с или войдите по сертификату либо мобильной подписи.',
  },
});

export const CsrfRejected = defineError({
  type: 'identity/csrf',
  status: 403,
  title: {
    az: 'Sorğu təsdiqlənmədi',
    en: 'Request not confirmed',
    ru: 'Запрос не подтверждён',
  },
  detail: {
    az: 'Səhifəni yeniləyin və yenidən cəhd edin. (x-csrf-token başlığı ehis_csrf kukisinin dəyərinə bərabər olmalıdır; onu GET /api/auth/csrf verir.)',
    en: 'Reload the page and try again. (The x-csrf-token header must equal the ehis_csrf cookie; GET /api/auth/csrf sets it.)',
    ru: 'Обновите страницу и повторите. (Заголовок x-csrf-token должен совпадать с cookie ehis_csrf; её выдаёт GET /api/auth/csrf.)',
  },
});

export const SessionExpired = defineError({
  type: 'identity/session-expired',
  status: 401,
  title: { az: 'Sessiya bitib', en: 'Your session has ended', ru: 'Сеанс завершён' },
  detail: {
    az: 'Təhlükəsizlik üçün sessiya bitdi. Yenidən daxil olun.',
    en: 'For your security the session ended. Log in again.',
    ru: 'В целях безопасности сеанс завершён. Войдите снова.',
  },
});

export const AssuranceTooLow = defineError({
  type: 'identity/assurance-too-low',
  status: 403,
  title: {
    az: 'Daha etibarlı giriş tələb olunur',
    en: 'A stronger login is required',
    ru: 'Требуется более надёжный вход',
  },
  detail: {
    az: 'Bu əməliyyat üçün elektron imza sertifikatı və ya mobil imza ilə daxil olun.',
    en: 'Log in with an e-signature certificate or mobile signature for this operation.',
    ru: 'Для этой операции войдите с сертификатом электронной подписи или мобильной подписью.',
  },
});

export const NotRepresented = defineError({
  type: 'identity/not-represented',
  status: 403,
  title: {
    az: 'Bu şəxsi təmsil etmirsiniz',
    en: 'You do not represent this person',
    ru: 'Вы не представляете этого человека',
  },
  detail: {
    az: 'Yalnız yetkinlik yaşına çatmamış övladlarınız və qəyyumluğunuzdakı şəxslər adından hərəkət edə bilərsiniz.',
    en: 'You may act only for your minor children and for persons under your guardianship.',
    ru: 'Действовать можно только от имени своих несовершеннолетних детей и подопечных.',
  },
});

export const SessionNotFound = defineError({
  type: 'identity/session-not-found',
  status: 404,
  title: { az: 'Sessiya tapılmadı', en: 'Session not found', ru: 'Сеанс не найден' },
  detail: {
    az: 'Belə sessiyanız yoxdur.',
    en: 'You have no such session.',
    ru: 'У вас нет такого сеанса.',
  },
});
