import { defineError } from '../../platform/errors/app-error.ts';

/** Payment errors (docs/errors.md, section Payments). */

export const PaymentNotFound = defineError({
  type: 'payments/not-found',
  status: 404,
  title: { az: 'Ödəniş tapılmadı', en: 'Payment not found', ru: 'Платёж не найден' },
});

export const PaymentNotPaid = defineError({
  type: 'payments/not-paid',
  status: 409,
  title: {
    az: 'Ödəniş hələ edilməyib',
    en: 'The payment has not been made',
    ru: 'Платёж не произведён',
  },
  detail: {
    az: 'Ödənişin vəziyyəti: {status}. Qəbz və qaytarma yalnız edilmiş ödəniş üçündür.',
    en: 'The payment is {status}. Receipts and refunds are only for payments that were made.',
    ru: 'Состояние платежа: {status}. Квитанция и возврат возможны только для проведённого платежа.',
  },
});

export const PaymentGatewayUnavailable = defineError({
  type: 'payments/no-gateway',
  status: 503,
  title: {
    az: 'Onlayn ödəniş hazırda mümkün deyil',
    en: 'Online payment is not available',
    ru: 'Онлайн-оплата недоступна',
  },
  detail: {
    az: 'Bu quraşdırmada ödəniş şlüzü qoşulmayıb.',
    en: 'No payment gateway is connected in this installation.',
    ru: 'В этой установке платёжный шлюз не подключён.',
  },
});

export const CallbackSignatureInvalid = defineError({
  type: 'payments/bad-signature',
  status: 401,
  title: {
    az: 'Ödəniş şlüzünün imzası yanlışdır',
    en: 'The payment gateway signature is not valid',
    ru: 'Подпись платёжного шлюза недействительна',
  },
});

export const CallbackMismatch = defineError({
  type: 'payments/callback-mismatch',
  status: 409,
  title: {
    az: 'Şlüzün bildirişi ödənişə uyğun gəlmir',
    en: 'The gateway notice does not match the payment',
    ru: 'Уведомление шлюза не соответствует платежу',
  },
  detail: {
    az: 'Naməlum ödəniş, fərqli məbləğ və ya artıq başa çatmış ödəniş üçün başqa nəticə. Heç nə dəyişmədi.',
    en: 'An unknown payment, another amount, or another outcome for a payment already finished. Nothing changed.',
    ru: 'Неизвестный платёж, другая сумма или другой исход для уже завершённого платежа. Ничего не изменено.',
  },
});

export const GatewayPaymentClosed = defineError({
  type: 'payments/gateway-payment-closed',
  status: 409,
  title: {
    az: 'Bu ödəniş artıq başa çatıb',
    en: 'This payment is already finished',
    ru: 'Этот платёж уже завершён',
  },
});
