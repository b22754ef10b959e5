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

// ---- asynchronous calls and signed batches (EHIS-004-4.4, issue 3 item 8) ----

export const UnknownAsyncCall = defineError({
  type: 'exchange/unknown-async-call',
  status: 404,
  title: {
    az: 'Asinxron sorğu tapılmadı',
    en: 'Asynchronous call not found',
    ru: 'Асинхронный вызов не найден',
  },
  detail: {
    az: 'Belə sorğu yoxdur və ya onu başqa alt sistem göndərib.',
    en: 'There is no such call, or another subsystem made it.',
    ru: 'Такого вызова нет, или его сделала другая подсистема.',
  },
});

export const BatchNotSupported = defineError({
  type: 'exchange/batch-not-supported',
  status: 404,
  title: {
    az: 'Xidmət paket yükləməni qəbul etmir',
    en: 'The service does not accept batch uploads',
    ru: 'Сервис не принимает пакетную загрузку',
  },
});

export const SignerNotAuthorized = defineError({
  type: 'exchange/signer-not-authorized',
  status: 403,
  title: {
    az: 'İmzalayan bu üzv adından çıxış edə bilməz',
    en: 'The signer may not act for this member',
    ru: 'Подписант не может действовать от имени этого участника',
  },
  detail: {
    az: 'Əməkdaşın sertifikatındakı təşkilat {member} üzvü deyil.',
    en: 'The organization in the staff certificate is not member {member}.',
    ru: 'Организация в сертификате сотрудника не является участником {member}.',
  },
});

export const InvalidBatch = defineError({
  type: 'exchange/invalid-batch',
  status: 400,
  title: {
    az: 'Paketdə səhv sətirlər var',
    en: 'The batch has invalid rows',
    ru: 'В пакете есть некорректные строки',
  },
  detail: {
    az: 'Heç nə idxal edilmədi. Səhv sətirləri düzəldin və paketi yenidən göndərin.',
    en: 'Nothing was imported. Correct the rows listed and upload the batch again.',
    ru: 'Ничего не импортировано. Исправьте указанные строки и загрузите пакет снова.',
  },
});

export const BatchTooLarge = defineError({
  type: 'exchange/batch-too-large',
  status: 413,
  title: { az: 'Paket çox böyükdür', en: 'Batch too large', ru: 'Пакет слишком большой' },
  detail: {
    az: 'Paketin məzmunu {limit} baytdan çox ola bilməz; onu bir neçə paketə bölün.',
    en: 'The batch content may not exceed {limit} bytes; split it into several batches.',
    ru: 'Содержимое пакета не может превышать {limit} байт; разделите его на несколько пакетов.',
  },
});

export const BatchTooManyRows = defineError({
  type: 'exchange/batch-too-many-rows',
  status: 400,
  title: {
    az: 'Paketdə sətir sayı həddi aşır',
    en: 'Too many rows in the batch',
    ru: 'Слишком много строк в пакете',
  },
  detail: {
    az: 'Paketdə {limit} sətirdən çox ola bilməz ({rows} göndərilib); onu bir neçə paketə bölün.',
    en: 'A batch may hold at most {limit} rows ({rows} sent); split it into several batches.',
    ru: 'Пакет может содержать не более {limit} строк (отправлено {rows}); разделите его на несколько пакетов.',
  },
});

export const DuplicateBatch = defineError({
  type: 'exchange/duplicate-batch',
  status: 409,
  title: {
    az: 'Bu paket artıq idxal edilib',
    en: 'This batch was already imported',
    ru: 'Этот пакет уже импортирован',
  },
  detail: {
    az: 'Eyni məzmunlu paket bu xidmətə artıq yüklənib; təkrar idxal edilmir.',
    en: 'A batch with the same content was already imported into this service; it is not imported twice.',
    ru: 'Пакет с тем же содержимым уже импортирован в этот сервис; повторно он не импортируется.',
  },
});
