import { format, type Lang, type Translated } from '../../platform/i18n/lang.ts';

export const NOTIFICATION_KINDS = [
  'request-received',
  'request-status-changed',
  'documents-needed',
  'result-ready',
  'payment-received',
  'complaint-answered',
  'correspondence-received',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A parameter value: plain, or already translated (a service's name in three languages). */
export type ParamValue = string | number | Translated;
export type NotificationParams = Readonly<Record<string, ParamValue>>;

interface Template {
  /** Parameters the caller must give. */
  readonly params: readonly string[];
  readonly title: Translated;
  readonly body: Translated;
  /** The SMS text: short, one message where it can be (the inbox has the rest). */
  readonly sms: Translated;
}

/**
 * The notices the portal sends (issue 6 item 5): seed 003 §6.3 and §7.1.2 (receipt), §7.1.3
 * (progress, result), §7.4 (documents needed), §8 (payment), 000 §3.5 (complaint answer),
 * 003 §11.7 (correspondence).
 */
export const TEMPLATES: Readonly<Record<NotificationKind, Template>> = {
  'request-received': {
    params: ['trackingNumber', 'serviceName', 'agencyName'],
    title: {
      az: 'Müraciətiniz qəbul edildi: {trackingNumber}',
      en: 'Your request was received: {trackingNumber}',
      ru: 'Ваше заявление принято: {trackingNumber}',
    },
    body: {
      az: '"{serviceName}" xidməti üzrə müraciətiniz {agencyName} tərəfindən qəbul edildi. İzləmə nömrəsi: {trackingNumber}. Müraciətin gedişini portalda izləyə bilərsiniz.',
      en: 'Your request for "{serviceName}" was received by {agencyName}. Tracking number: {trackingNumber}. You can follow its progress on the portal.',
      ru: 'Ваше заявление на услугу «{serviceName}» принято: {agencyName}. Номер для отслеживания: {trackingNumber}. Ход рассмотрения можно отслеживать на портале.',
    },
    sms: {
      az: 'EHİS: müraciətiniz qəbul edildi, nömrə {trackingNumber}.',
      en: 'EHIS: your request was received, number {trackingNumber}.',
      ru: 'EHIS: ваше заявление принято, номер {trackingNumber}.',
    },
  },
  'request-status-changed': {
    params: ['trackingNumber', 'serviceName', 'status'],
    title: {
      az: 'Müraciətin vəziyyəti dəyişdi: {trackingNumber}',
      en: 'Your request has a new status: {trackingNumber}',
      ru: 'Статус заявления изменился: {trackingNumber}',
    },
    body: {
      az: '"{serviceName}" xidməti üzrə {trackingNumber} nömrəli müraciətin yeni vəziyyəti: {status}.',
      en: 'Request {trackingNumber} for "{serviceName}" is now: {status}.',
      ru: 'Новый статус заявления {trackingNumber} на услугу «{serviceName}»: {status}.',
    },
    sms: {
      az: 'EHİS: {trackingNumber} nömrəli müraciət: {status}.',
      en: 'EHIS: request {trackingNumber}: {status}.',
      ru: 'EHIS: заявление {trackingNumber}: {status}.',
    },
  },
  'documents-needed': {
    params: ['trackingNumber', 'serviceName', 'documents'],
    title: {
      az: 'Müraciət üçün sənəd lazımdır: {trackingNumber}',
      en: 'Documents needed for your request: {trackingNumber}',
      ru: 'Для заявления нужны документы: {trackingNumber}',
    },
    body: {
      az: '"{serviceName}" xidməti üzrə {trackingNumber} nömrəli müraciətə baxmaq üçün bu sənədləri portalda yükləyin: {documents}.',
      en: 'To continue with request {trackingNumber} for "{serviceName}", upload these documents on the portal: {documents}.',
      ru: 'Чтобы продолжить рассмотрение заявления {trackingNumber} на услугу «{serviceName}», загрузите на портале: {documents}.',
    },
    sms: {
      az: 'EHİS: {trackingNumber} nömrəli müraciət üçün sənəd yükləyin. Ətraflı portalda.',
      en: 'EHIS: upload documents for request {trackingNumber}. Details on the portal.',
      ru: 'EHIS: загрузите документы для заявления {trackingNumber}. Подробно на портале.',
    },
  },
  'result-ready': {
    params: ['trackingNumber', 'serviceName'],
    title: {
      az: 'Müraciətin nəticəsi hazırdır: {trackingNumber}',
      en: 'The result of your request is ready: {trackingNumber}',
      ru: 'Результат по заявлению готов: {trackingNumber}',
    },
    body: {
      az: '"{serviceName}" xidməti üzrə {trackingNumber} nömrəli müraciətin nəticəsini portaldan yükləyə bilərsiniz.',
      en: 'The result of request {trackingNumber} for "{serviceName}" can be downloaded from the portal.',
      ru: 'Результат по заявлению {trackingNumber} на услугу «{serviceName}» можно скачать на портале.',
    },
    sms: {
      az: 'EHİS: {trackingNumber} nömrəli müraciətin nəticəsi hazırdır.',
      en: 'EHIS: the result of request {trackingNumber} is ready.',
      ru: 'EHIS: результат по заявлению {trackingNumber} готов.',
    },
  },
  'payment-received': {
    params: ['trackingNumber', 'amount', 'receiptNumber'],
    title: {
      az: 'Ödəniş qəbul edildi: {amount} AZN',
      en: 'Payment received: {amount} AZN',
      ru: 'Платёж получен: {amount} AZN',
    },
    body: {
      az: '{trackingNumber} nömrəli müraciət üzrə {amount} AZN ödəniş qəbul edildi. Qəbz nömrəsi: {receiptNumber}.',
      en: 'A payment of {amount} AZN for request {trackingNumber} was received. Receipt number: {receiptNumber}.',
      ru: 'Получен платёж {amount} AZN по заявлению {trackingNumber}. Номер квитанции: {receiptNumber}.',
    },
    sms: {
      az: 'EHİS: {amount} AZN ödəniş qəbul edildi, qəbz {receiptNumber}.',
      en: 'EHIS: payment of {amount} AZN received, receipt {receiptNumber}.',
      ru: 'EHIS: платёж {amount} AZN получен, квитанция {receiptNumber}.',
    },
  },
  'complaint-answered': {
    params: ['complaintNumber', 'agencyName'],
    title: {
      az: 'Şikayətinizə cavab verildi',
      en: 'Your complaint has been answered',
      ru: 'На вашу жалобу дан ответ',
    },
    body: {
      az: '{agencyName} {complaintNumber} nömrəli şikayətinizə cavab verdi. Cavabı portalda oxuya bilərsiniz. Razı deyilsinizsə, qanunvericiliyə uyğun olaraq məhkəməyə müraciət edə bilərsiniz.',
      en: '{agencyName} has answered your complaint {complaintNumber}. You can read the answer on the portal. If you disagree, you may go to court as the law provides.',
      ru: '{agencyName} ответил(а) на вашу жалобу {complaintNumber}. Ответ можно прочитать на портале. Если вы не согласны, вы можете обратиться в суд в порядке, установленном законодательством.',
    },
    sms: {
      az: 'EHİS: {complaintNumber} nömrəli şikayətinizə cavab verildi.',
      en: 'EHIS: your complaint {complaintNumber} has been answered.',
      ru: 'EHIS: на вашу жалобу {complaintNumber} дан ответ.',
    },
  },
  'correspondence-received': {
    params: ['agencyName', 'subject'],
    title: {
      az: 'Yeni məktub: {agencyName}',
      en: 'New letter from {agencyName}',
      ru: 'Новое письмо: {agencyName}',
    },
    body: {
      az: '{agencyName} sizə "{subject}" mövzusunda məktub göndərdi. Məktubu portalda oxuya bilərsiniz.',
      en: '{agencyName} sent you a letter about "{subject}". You can read it on the portal.',
      ru: '{agencyName} направил(а) вам письмо на тему «{subject}». Его можно прочитать на портале.',
    },
    sms: {
      az: 'EHİS: {agencyName} sizə məktub göndərdi.',
      en: 'EHIS: {agencyName} sent you a letter.',
      ru: 'EHIS: {agencyName} направил(а) вам письмо.',
    },
  },
};

/** Request statuses named in the texts (issue 6 item 2); other values are shown as given. */
const STATUS_NAMES: Readonly<Record<string, Translated>> = {
  submitted: { az: 'göndərilib', en: 'submitted', ru: 'подано' },
  'awaiting-payment': { az: 'ödəniş gözlənilir', en: 'awaiting payment', ru: 'ожидает оплаты' },
  'in-review': { az: 'baxılır', en: 'in review', ru: 'на рассмотрении' },
  'needs-documents': { az: 'sənəd tələb olunur', en: 'documents needed', ru: 'нужны документы' },
  approved: { az: 'təsdiq edilib', en: 'approved', ru: 'одобрено' },
  rejected: { az: 'rədd edilib', en: 'rejected', ru: 'отклонено' },
  'result-issued': { az: 'nəticə verilib', en: 'result issued', ru: 'результат выдан' },
};

export class TemplateParamsError extends Error {
  constructor(kind: string, missing: readonly string[]) {
    super(`notification ${kind} lacks parameters: ${missing.join(', ')}`);
    this.name = 'TemplateParamsError';
  }
}

function isTranslated(value: ParamValue): value is Translated {
  return typeof value === 'object' && value !== null;
}

/** Throws TemplateParamsError when a parameter the template uses is missing or malformed. */
export function checkParams(kind: NotificationKind, params: NotificationParams): void {
  const missing = TEMPLATES[kind].params.filter((name) => {
    const value = params[name];
    if (value === undefined) return true;
    if (isTranslated(value))
      return !(['az', 'en', 'ru'] as const).every((l) => typeof value[l] === 'string');
    return typeof value !== 'string' && typeof value !== 'number';
  });
  if (missing.length > 0) throw new TemplateParamsError(kind, missing);
}

function valuesIn(lang: Lang, params: NotificationParams): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (isTranslated(value)) values[name] = value[lang];
    else if (name === 'status' && typeof value === 'string' && STATUS_NAMES[value] !== undefined) {
      values[name] = STATUS_NAMES[value][lang];
    } else values[name] = value;
  }
  return values;
}

export interface Rendered {
  readonly title: string;
  readonly body: string;
  readonly sms: string;
}

export function render(kind: NotificationKind, params: NotificationParams, lang: Lang): Rendered {
  const template = TEMPLATES[kind];
  const values = valuesIn(lang, params);
  return {
    title: format(template.title[lang], values),
    body: format(template.body[lang], values),
    sms: format(template.sms[lang], values),
  };
}
