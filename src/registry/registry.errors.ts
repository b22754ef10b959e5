import { defineError } from '../platform/errors/app-error.ts';

/** E-service registry errors (docs/errors.md, "Registry"). */

export const NotProviderStaff = defineError({
  type: 'registry/not-provider-staff',
  status: 403,
  title: {
    az: 'Siz bu təminatçının reyestr əməkdaşı deyilsiniz',
    en: 'You are not registry staff of this provider',
    ru: 'Вы не сотрудник реестра этого поставщика',
  },
  detail: {
    az: 'Xidmət üzrə ərizəni yalnız təminatçı orqanın "registry" modulu üzrə əməkdaşı və ya rəhbəri təqdim edə bilər.',
    en: 'Only staff of the providing body with the role staff on the module registry, or its head, may submit applications for its services.',
    ru: 'Заявки по услуге подаёт только сотрудник органа-поставщика с ролью staff в модуле registry или его руководитель.',
  },
});

export const CertificateNotAccepted = defineError({
  type: 'registry/certificate-not-accepted',
  status: 422,
  title: {
    az: 'Elektron imza sertifikatı qəbul edilmədi',
    en: 'The e-signature certificate was not accepted',
    ru: 'Сертификат электронной подписи не принят',
  },
  detail: {
    az: 'Sertifikat platformanın sertifikat mərkəzi tərəfindən verilmiş, qüvvədə olan (vaxtı bitməmiş, ləğv edilməmiş) imza sertifikatı olmalıdır. Səbəb: {reason}.',
    en: 'The certificate must be a signature certificate of the platform certificate authority that is in force (not expired or revoked). Reason: {reason}.',
    ru: 'Сертификат должен быть действующим (не истёкшим и не отозванным) сертификатом подписи центра сертификации платформы. Причина: {reason}.',
  },
});

export const SignatureInvalid = defineError({
  type: 'registry/signature-invalid',
  status: 422,
  title: {
    az: 'Ərizənin elektron imzası yanlışdır',
    en: 'The signature of the application does not verify',
    ru: 'Электронная подпись заявки неверна',
  },
  detail: {
    az: 'İmza ərizə sahələrinin kanonik JSON-u (açarlar sıralanmış, boşluqsuz) üzərində sertifikatın açarı ilə verilməlidir. Ərizə saxlanılmadı.',
    en: 'Sign the canonical JSON of the application fields (sorted keys, no whitespace) with the key of the certificate. Nothing was stored.',
    ru: 'Подпишите канонический JSON полей заявки (ключи отсортированы, без пробелов) ключом сертификата. Ничего не сохранено.',
  },
});

export const CertificateNotSubmitters = defineError({
  type: 'registry/certificate-not-submitters',
  status: 422,
  title: {
    az: 'Sertifikat ərizəçiyə məxsus deyil',
    en: 'The certificate is not the submitter’s',
    ru: 'Сертификат не принадлежит заявителю',
  },
  detail: {
    az: 'Ərizəni daxil olmuş şəxs öz elektron imzası ilə imzalamalıdır: sertifikatdakı FİN sizin FİN-iniz olmalıdır.',
    en: 'The person signed in must sign with their own e-signature: the certificate’s FİN must be yours.',
    ru: 'Вошедший в систему должен подписать своей подписью: FİN в сертификате должен быть вашим.',
  },
});

export const UnknownLegalAct = defineError({
  type: 'registry/unknown-legal-act',
  status: 422,
  title: {
    az: 'Hüquqi əsas kataloqda yoxdur',
    en: 'The legal act is not in the legal-basis catalogue',
    ru: 'Правового акта нет в каталоге',
  },
  detail: {
    az: 'Hüquqi əsas aktlar kataloqundan (listLegalActs) seçilməlidir.',
    en: 'Choose the acts from the legal-basis catalogue (listLegalActs).',
    ru: 'Выберите акты из каталога правовых оснований (listLegalActs).',
  },
});

export const ServiceNotFound = defineError({
  type: 'registry/service-not-found',
  status: 404,
  title: {
    az: 'Reyestrdə belə xidmət yoxdur',
    en: 'No service with this registry number',
    ru: 'Услуги с таким реестровым номером нет',
  },
});

export const ServiceCancelled = defineError({
  type: 'registry/service-cancelled',
  status: 409,
  title: {
    az: 'Xidmətin qeydiyyatı ləğv edilib',
    en: 'The service’s registration has been cancelled',
    ru: 'Регистрация услуги аннулирована',
  },
  detail: {
    az: 'Ləğv edilmiş xidmət dəyişdirilə və ya yenidən ləğv edilə bilməz; onun nömrəsi başqa xidmətə verilmir. Yeni qeydiyyat üçün ərizə verin.',
    en: 'A cancelled service cannot be modified or cancelled again, and its number is never given to another. Apply for a new registration.',
    ru: 'Аннулированную услугу нельзя изменить или аннулировать повторно; её номер не передаётся другой. Подайте заявку на новую регистрацию.',
  },
});

export const ProviderMismatch = defineError({
  type: 'registry/provider-mismatch',
  status: 422,
  title: {
    az: 'Xidmətin təminatçısı başqadır',
    en: 'The service has another provider',
    ru: 'У услуги другой поставщик',
  },
  detail: {
    az: 'Dəyişiklik və ya ləğv ərizəsini yalnız xidmətin öz təminatçısı verə bilər; təminatçı dəyişdirilmir.',
    en: 'Only the service’s own provider applies to modify or cancel it; the provider cannot be changed.',
    ru: 'Изменение или аннулирование запрашивает только поставщик услуги; поставщик не меняется.',
  },
});

export const ApplicationNotFound = defineError({
  type: 'registry/application-not-found',
  status: 404,
  title: { az: 'Ərizə tapılmadı', en: 'Application not found', ru: 'Заявка не найдена' },
});

export const AlreadyDecided = defineError({
  type: 'registry/already-decided',
  status: 409,
  title: {
    az: 'Ərizə üzrə artıq qərar verilib',
    en: 'The application has already been decided',
    ru: 'По заявке уже принято решение',
  },
  detail: {
    az: 'Qərar bir dəfə verilir. Cari vəziyyət: {status}.',
    en: 'An application is decided once. Its status: {status}.',
    ru: 'Решение принимается один раз. Текущий статус: {status}.',
  },
});

export const RefusalReasonRequired = defineError({
  type: 'registry/refusal-reason-required',
  status: 400,
  title: {
    az: 'İmtinanın səbəbi göstərilməlidir',
    en: 'A refusal needs a reason',
    ru: 'Для отказа нужна причина',
  },
  detail: {
    az: 'Təminatçıya bildiriləcək səbəbi yazın.',
    en: 'Write the reason the provider will be told.',
    ru: 'Укажите причину, о которой будет уведомлён поставщик.',
  },
});
