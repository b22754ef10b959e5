import { defineError } from '../../platform/errors/app-error.ts';

/** Complaint errors (docs/errors.md, "Complaints"). */

export const ContactMissing = defineError({
  type: 'complaints/contact-missing',
  status: 400,
  title: {
    az: 'Poçt ünvanı, elektron poçt ünvanı və ya iş yeri göstərilməlidir',
    en: 'Give a postal address, an e-mail address or your workplace',
    ru: 'Укажите почтовый адрес, адрес электронной почты или место работы',
  },
  detail: {
    az: 'Şikayətdə vətəndaşın adı, atasının adı, soyadı, ünvanı, poçt və ya elektron poçt ünvanı, yaxud işlədiyi yer göstərilməlidir. Şikayət saxlanılmadı.',
    en: 'A complaint states the citizen’s first name, patronymic, surname and address, and a postal or e-mail address or the place of work. Nothing was stored.',
    ru: 'В жалобе указываются имя, отчество, фамилия и адрес гражданина, а также почтовый или электронный адрес либо место работы. Ничего не сохранено.',
  },
});

export const ServiceRequired = defineError({
  type: 'complaints/service-required',
  status: 400,
  title: {
    az: 'Şikayətin hansı xidmətə aid olduğunu göstərin',
    en: 'Say which e-service the complaint is about',
    ru: 'Укажите, к какой электронной услуге относится жалоба',
  },
  detail: {
    az: 'Reyestr nömrəsini (registryNumber) göstərin. Şikayət saxlanılmadı.',
    en: 'Give the registry number of the service (registryNumber). Nothing was stored.',
    ru: 'Укажите реестровый номер услуги (registryNumber). Ничего не сохранено.',
  },
});

export const UnknownService = defineError({
  type: 'complaints/unknown-service',
  status: 422,
  title: {
    az: 'Reyestrdə belə xidmət yoxdur',
    en: 'No e-service with this registry number',
    ru: 'В реестре нет услуги с таким номером',
  },
  detail: {
    az: '{registryNumber} nömrəli xidmət e-xidmətlər reyestrində yoxdur. Şikayət saxlanılmadı.',
    en: 'The registry of e-services has no service {registryNumber}. Nothing was stored.',
    ru: 'В реестре электронных услуг нет услуги {registryNumber}. Ничего не сохранено.',
  },
});

export const UnknownRequest = defineError({
  type: 'complaints/unknown-request',
  status: 422,
  title: {
    az: 'Belə müraciət tapılmadı',
    en: 'No such request',
    ru: 'Такое обращение не найдено',
  },
  detail: {
    az: 'Müraciət tapılmadı, sizə (və ya təmsil etdiyiniz şəxsə) aid deyil, yaxud göstərilən xidmətə aid deyil. Şikayət saxlanılmadı.',
    en: 'The request does not exist, is not yours (or the represented person’s), or is for another service. Nothing was stored.',
    ru: 'Обращение не существует, не ваше (или не представляемого лица) либо относится к другой услуге. Ничего не сохранено.',
  },
});

export const ComplaintNotFound = defineError({
  type: 'complaints/not-found',
  status: 404,
  title: {
    az: 'Şikayət tapılmadı',
    en: 'Complaint not found',
    ru: 'Жалоба не найдена',
  },
  detail: {
    az: 'Şikayəti yalnız onu verən, aid olduğu şəxs (və ya onun qanuni nümayəndəsi) və cavab verən qurumun əməkdaşları görür.',
    en: 'A complaint is visible only to whoever filed it, the person it concerns (or their representative acting for them) and the staff of the agency that answers it.',
    ru: 'Жалобу видят только подавший её, лицо, которого она касается (или его представитель), и сотрудники отвечающего органа.',
  },
});

export const NotAgencyStaff = defineError({
  type: 'complaints/not-agency-staff',
  status: 403,
  title: {
    az: 'Siz bu qurumun portal əməkdaşı deyilsiniz',
    en: 'You are not portal staff of this agency',
    ru: 'Вы не сотрудник портала этого органа',
  },
  detail: {
    az: 'Şikayətlərə xidməti göstərən qurumun "portal" modulu üzrə əməkdaşı və ya rəhbəri baxır. Heç nə dəyişmədi.',
    en: 'Complaints are handled by staff of the providing agency with the role staff on the module portal, or its head. Nothing changed.',
    ru: 'Жалобы рассматривают сотрудники органа-поставщика с ролью staff в модуле portal или его руководитель. Ничего не изменено.',
  },
});

export const AlreadyExtended = defineError({
  type: 'complaints/already-extended',
  status: 409,
  title: {
    az: 'Baxılma müddəti artıq uzadılıb',
    en: 'The review period has already been extended',
    ru: 'Срок рассмотрения уже продлён',
  },
  detail: {
    az: 'Müddət yalnız bir dəfə, 15 gündən 30 günə qədər uzadılır. Son tarix: {dueDate}.',
    en: 'The period is extended once, from 15 to 30 days. The due date is {dueDate}.',
    ru: 'Срок продлевается один раз, с 15 до 30 дней. Срок: {dueDate}.',
  },
});

export const AlreadyAnswered = defineError({
  type: 'complaints/already-answered',
  status: 409,
  title: {
    az: 'Şikayətə artıq cavab verilib',
    en: 'The complaint has already been answered',
    ru: 'На жалобу уже дан ответ',
  },
  detail: {
    az: 'Şikayətə bir dəfə cavab verilir; cavab verilmiş şikayətin müddəti uzadılmır. Heç nə dəyişmədi.',
    en: 'A complaint is answered once, and an answered complaint is not extended. Nothing changed.',
    ru: 'На жалобу отвечают один раз; срок отвеченной жалобы не продлевается. Ничего не изменено.',
  },
});

export const ExtensionTooLate = defineError({
  type: 'complaints/extension-too-late',
  status: 409,
  title: {
    az: 'Baxılma müddəti bitdikdən sonra uzadılmır',
    en: 'The period cannot be extended after it has run out',
    ru: 'Срок нельзя продлить после его истечения',
  },
  detail: {
    az: 'Müddət 15 günlük müddət ərzində ({dueDate} daxil olmaqla) uzadılmalıdır. Heç nə dəyişmədi.',
    en: 'Extend within the 15-day period (up to and including {dueDate}). Nothing changed.',
    ru: 'Продлить можно в течение 15-дневного срока (по {dueDate} включительно). Ничего не изменено.',
  },
});
