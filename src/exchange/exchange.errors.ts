import { defineError } from '../platform/errors/app-error.ts';

/**
 * Exchange errors tell a gateway refusal (4xx: the caller must change something) from a
 * provider failure (502/503/504: the provider must), as X-Road's error categories do.
 */
export const NoLegalBasis = defineError({
  type: 'exchange/no-legal-basis',
  status: 403,
  title: {
    az: 'Hüquqi əsas yoxdur',
    en: 'No legal basis for this access',
    ru: 'Нет правового основания для доступа',
  },
  detail: {
    az: '{client} alt sisteminin {service} xidmətinə bu məqsəd üçün qüvvədə olan icazəsi yoxdur.',
    en: 'Subsystem {client} has no access grant in force for service {service} and this purpose.',
    ru: 'У подсистемы {client} нет действующего допуска к сервису {service} для этой цели.',
  },
});

export const MemberSuspended = defineError({
  type: 'exchange/member-suspended',
  status: 403,
  title: { az: 'Üzvün girişi dayandırılıb', en: 'Member suspended', ru: 'Участник приостановлен' },
  detail: {
    az: '{member} üzvünün mübadilə hüququ dayandırılıb.',
    en: 'The exchange rights of member {member} are suspended.',
    ru: 'Права участника {member} на обмен приостановлены.',
  },
});

export const UnknownClient = defineError({
  type: 'exchange/unknown-client',
  status: 401,
  title: {
    az: 'Naməlum müştəri sertifikatı',
    en: 'Unknown client certificate',
    ru: 'Неизвестный сертификат клиента',
  },
});

export const BadSignature = defineError({
  type: 'exchange/bad-signature',
  status: 401,
  title: { az: 'İmza etibarsızdır', en: 'Invalid signature', ru: 'Недействительная подпись' },
  detail: {
    az: 'Zərfin imzası, vaxtı və ya ünvanı yoxlamadan keçmədi.',
    en: 'The envelope signature, time or addressing did not verify.',
    ru: 'Подпись, время или адресация конверта не прошли проверку.',
  },
});

export const CertificateRejected = defineError({
  type: 'exchange/certificate-rejected',
  status: 401,
  title: {
    az: 'Sertifikat qəbul edilmir',
    en: 'Certificate not accepted',
    ru: 'Сертификат не принят',
  },
  detail: {
    az: 'Sertifikat etibarsızdır: {reason}.',
    en: 'The certificate is not valid: {reason}.',
    ru: 'Сертификат недействителен: {reason}.',
  },
});

export const UnknownService = defineError({
  type: 'exchange/unknown-service',
  status: 404,
  title: { az: 'Xidmət tapılmadı', en: 'Service not found', ru: 'Сервис не найден' },
});

export const UnknownMember = defineError({
  type: 'exchange/unknown-member',
  status: 404,
  title: { az: 'Üzv tapılmadı', en: 'Member not found', ru: 'Участник не найден' },
});

export const InvalidRequest = defineError({
  type: 'exchange/invalid-request',
  status: 400,
  title: {
    az: 'Sorğu xidmətin müqaviləsinə uyğun deyil',
    en: "The request does not match the service's contract",
    ru: 'Запрос не соответствует контракту сервиса',
  },
});

export const IdempotencyConflict = defineError({
  type: 'exchange/idempotency-conflict',
  status: 409,
  title: {
    az: 'Təkrar açar başqa sorğu ilə istifadə olunub',
    en: 'Idempotency key reused with a different request',
    ru: 'Ключ идемпотентности использован с другим запросом',
  },
});

export const Conflict = defineError({
  type: 'exchange/conflict',
  status: 409,
  title: { az: 'Artıq mövcuddur', en: 'Already exists', ru: 'Уже существует' },
  detail: {
    az: '{what} artıq qeydə alınıb.',
    en: '{what} is already registered.',
    ru: '{what} уже зарегистрирован.',
  },
});

export const ProviderTimeout = defineError({
  type: 'exchange/provider-timeout',
  status: 504,
  title: {
    az: 'Təchizatçı vaxtında cavab vermədi',
    en: 'The provider did not answer in time',
    ru: 'Поставщик не ответил вовремя',
  },
});

export const ProviderError = defineError({
  type: 'exchange/provider-error',
  status: 502,
  title: { az: 'Təchizatçıda xəta', en: 'Provider failure', ru: 'Сбой поставщика' },
});

export const ProviderUnavailable = defineError({
  type: 'exchange/provider-unavailable',
  status: 503,
  title: {
    az: 'Təchizatçı əlçatan deyil',
    en: 'Provider unavailable',
    ru: 'Поставщик недоступен',
  },
});

export const InvalidResponse = defineError({
  type: 'exchange/invalid-response',
  status: 502,
  title: {
    az: 'Təchizatçının cavabı müqaviləyə uyğun deyil',
    en: "The provider's answer does not match the contract",
    ru: 'Ответ поставщика не соответствует контракту',
  },
});

export const SubjectNotFound = defineError({
  type: 'exchange/subject-not-found',
  status: 404,
  title: { az: 'Məlumat tapılmadı', en: 'No such record', ru: 'Запись не найдена' },
});
