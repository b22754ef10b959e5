import { defineError } from '../errors/app-error.ts';

export const InvalidCertificateRequest = defineError({
  type: 'pki/invalid-certificate-request',
  status: 400,
  title: {
    az: 'Sertifikat sorğusu düzgün deyil',
    en: 'The certificate request is not valid',
    ru: 'Запрос сертификата некорректен',
  },
  detail: {
    az: 'Göstərilən sahələri düzəldin və yenidən göndərin.',
    en: 'Correct the fields listed and send the request again.',
    ru: 'Исправьте указанные поля и отправьте запрос снова.',
  },
});

export const UnsupportedPublicKey = defineError({
  type: 'pki/unsupported-public-key',
  status: 400,
  title: {
    az: 'Açıq açar dəstəklənmir',
    en: 'Unsupported public key',
    ru: 'Открытый ключ не поддерживается',
  },
  detail: {
    az: 'Yalnız ECDSA P-256 (ES256) açıq açarı qəbul olunur.',
    en: 'Only an ECDSA P-256 (ES256) public key is accepted.',
    ru: 'Принимается только открытый ключ ECDSA P-256 (ES256).',
  },
});

export const CertificateNotFound = defineError({
  type: 'pki/certificate-not-found',
  status: 404,
  title: {
    az: 'Sertifikat tapılmadı',
    en: 'Certificate not found',
    ru: 'Сертификат не найден',
  },
  detail: {
    az: '{serial} seriya nömrəli sertifikat bu mərkəz tərəfindən verilməyib.',
    en: 'No certificate with serial {serial} was issued by this authority.',
    ru: 'Сертификат с серийным номером {serial} этим центром не выдавался.',
  },
});

export const CertificateAlreadyRevoked = defineError({
  type: 'pki/already-revoked',
  status: 409,
  title: {
    az: 'Sertifikat artıq ləğv edilib',
    en: 'Certificate already revoked',
    ru: 'Сертификат уже отозван',
  },
  detail: {
    az: '{serial} seriya nömrəli sertifikat artıq ləğv edilib; ləğv geri qaytarılmır.',
    en: 'The certificate with serial {serial} is already revoked; a revocation is final.',
    ru: 'Сертификат с серийным номером {serial} уже отозван; отзыв окончателен.',
  },
});

/**
 * The CA key or certificate given by configuration (or found in the data folder) is unusable.
 * Raised at start, never in answer to a request, so it is a plain error rather than a problem type.
 */
export class CaKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaKeyError';
  }
}
