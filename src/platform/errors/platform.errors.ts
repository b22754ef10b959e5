import { defineError } from './app-error.ts';

/** Errors every module may raise; module-specific ones live in each module's `*.errors.ts`. */
export const NotFound = defineError({
  type: 'platform/not-found',
  status: 404,
  title: { az: 'Tapılmadı', en: 'Not found', ru: 'Не найдено' },
  detail: {
    az: 'Sorğu olunan ünvan və ya qeyd mövcud deyil.',
    en: 'The requested address or record does not exist.',
    ru: 'Запрошенный адрес или запись не существует.',
  },
});

export const MethodNotAllowed = defineError({
  type: 'platform/method-not-allowed',
  status: 405,
  title: { az: 'Metoda icazə verilmir', en: 'Method not allowed', ru: 'Метод не разрешён' },
  detail: {
    az: 'Bu ünvan {method} metodunu qəbul etmir. İcazə verilən: {allow}.',
    en: 'This address does not accept {method}. Allowed: {allow}.',
    ru: 'Этот адрес не принимает {method}. Разрешено: {allow}.',
  },
});

export const Validation = defineError({
  type: 'platform/validation',
  status: 400,
  title: { az: 'Sorğu düzgün deyil', en: 'The request is not valid', ru: 'Запрос некорректен' },
  detail: {
    az: 'Göstərilən sahələri düzəldin və yenidən göndərin.',
    en: 'Correct the fields listed and send the request again.',
    ru: 'Исправьте указанные поля и отправьте запрос снова.',
  },
});

export const MalformedJson = defineError({
  type: 'platform/malformed-json',
  status: 400,
  title: { az: 'JSON oxuna bilmir', en: 'Malformed JSON', ru: 'Некорректный JSON' },
  detail: {
    az: 'Sorğunun mətni düzgün JSON deyil.',
    en: 'The request body is not valid JSON.',
    ru: 'Тело запроса не является корректным JSON.',
  },
});

export const PayloadTooLarge = defineError({
  type: 'platform/payload-too-large',
  status: 413,
  title: { az: 'Sorğu çox böyükdür', en: 'Request too large', ru: 'Запрос слишком большой' },
  detail: {
    az: 'Sorğunun həcmi {limit} baytdan çox ola bilməz.',
    en: 'The request body may not exceed {limit} bytes.',
    ru: 'Тело запроса не может превышать {limit} байт.',
  },
});

export const UnsupportedMediaType = defineError({
  type: 'platform/unsupported-media-type',
  status: 415,
  title: {
    az: 'Məzmun növü dəstəklənmir',
    en: 'Unsupported media type',
    ru: 'Неподдерживаемый тип содержимого',
  },
  detail: {
    az: 'Sorğunu application/json kimi göndərin.',
    en: 'Send the request as application/json.',
    ru: 'Отправьте запрос как application/json.',
  },
});

export const Unauthorized = defineError({
  type: 'platform/unauthorized',
  status: 401,
  title: { az: 'Giriş tələb olunur', en: 'Login required', ru: 'Требуется вход' },
  detail: {
    az: 'Bu əməliyyat üçün sistemə daxil olun.',
    en: 'Log in to perform this operation.',
    ru: 'Войдите в систему, чтобы выполнить эту операцию.',
  },
});

export const Forbidden = defineError({
  type: 'platform/forbidden',
  status: 403,
  title: { az: 'İcazə yoxdur', en: 'Forbidden', ru: 'Доступ запрещён' },
  detail: {
    az: 'Bu əməliyyatı yerinə yetirmək hüququnuz yoxdur.',
    en: 'You do not have the right to perform this operation.',
    ru: 'У вас нет права выполнять эту операцию.',
  },
});

export const Unavailable = defineError({
  type: 'platform/unavailable',
  status: 503,
  title: {
    az: 'Xidmət müvəqqəti əlçatan deyil',
    en: 'Service temporarily unavailable',
    ru: 'Сервис временно недоступен',
  },
  detail: {
    az: 'Bir az sonra yenidən cəhd edin.',
    en: 'Please try again shortly.',
    ru: 'Повторите попытку чуть позже.',
  },
});

export const Internal = defineError({
  type: 'platform/internal',
  status: 500,
  title: { az: 'Nəsə səhv getdi', en: 'Something went wrong', ru: 'Что-то пошло не так' },
  detail: {
    az: 'Gözlənilməz xəta baş verdi. Müraciət edərkən {correlationId} nömrəsini göstərin.',
    en: 'An unexpected error occurred. Quote {correlationId} when you contact support.',
    ru: 'Произошла непредвиденная ошибка. Укажите номер {correlationId} при обращении в поддержку.',
  },
});
