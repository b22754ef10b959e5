import { defineError } from '../../platform/errors/app-error.ts';

/** Administrative-regulation errors (docs/errors.md, "Registry"). */

export const RegulationNotFound = defineError({
  type: 'registry/regulation-not-found',
  status: 404,
  title: {
    az: 'İnzibati reqlament tapılmadı',
    en: 'Administrative regulation not found',
    ru: 'Административный регламент не найден',
  },
  detail: {
    az: 'Bu xidmətin dərc edilmiş (və ya göstərilən versiyalı) reqlamenti yoxdur.',
    en: 'The service has no published regulation (or no published one of that version).',
    ru: 'У услуги нет опубликованного регламента (или опубликованной версии с этим номером).',
  },
});

export const RegulationWrongState = defineError({
  type: 'registry/regulation-wrong-state',
  status: 409,
  title: {
    az: 'Reqlament bu mərhələdə deyil',
    en: 'The regulation is not at that stage',
    ru: 'Регламент не на этом этапе',
  },
  detail: {
    az: 'Bu əməliyyat "{expected}" mərhələsində olan reqlament üçündür; bu reqlament "{status}" mərhələsindədir. Ardıcıllıq: layihə → ictimai müzakirə → təsdiq → dərc.',
    en: 'This step is for a regulation at the stage "{expected}"; this one is "{status}". The order: draft → public discussion → approval → publication.',
    ru: 'Этот шаг — для регламента на этапе «{expected}»; этот на этапе «{status}». Порядок: проект → общественное обсуждение → утверждение → публикация.',
  },
});

export const RegulationInMaking = defineError({
  type: 'registry/regulation-in-making',
  status: 409,
  title: {
    az: 'Bu xidmətin reqlamenti artıq hazırlanır',
    en: 'A regulation for this service is already being prepared',
    ru: 'Регламент этой услуги уже готовится',
  },
  detail: {
    az: 'Xidmətin eyni vaxtda bir hazırlanan reqlamenti ola bilər (versiya {version}). Onu dəyişin və ya dərc edin.',
    en: 'A service has one regulation in preparation at a time (version {version}). Edit or publish that one.',
    ru: 'У услуги одновременно готовится один регламент (версия {version}). Измените или опубликуйте его.',
  },
});

export const NotProviderHead = defineError({
  type: 'registry/not-provider-head',
  status: 403,
  title: {
    az: 'Reqlamenti yalnız təminatçı orqanın rəhbəri təsdiq edir',
    en: 'Only the head of the providing body approves a regulation',
    ru: 'Регламент утверждает только руководитель органа-поставщика',
  },
  detail: {
    az: 'Reqlamenti xidməti göstərən mərkəzi icra hakimiyyəti orqanı təsdiq edir (003 §9.2): bunun üçün orqanın "head" rolu lazımdır.',
    en: 'The central executive body that provides the service approves its regulation (003 §9.2): this needs the head role of that body.',
    ru: 'Регламент утверждает орган, оказывающий услугу (003 §9.2): нужна роль head этого органа.',
  },
});

export const OwnDraft = defineError({
  type: 'registry/regulation-own-draft',
  status: 403,
  title: {
    az: 'Öz hazırladığınız layihəni təsdiq edə bilməzsiniz',
    en: 'You cannot approve a draft you created',
    ru: 'Нельзя утвердить проект, который вы создали',
  },
  detail: {
    az: 'Layihəni hazırlayan və təsdiq edən fərqli şəxslər olmalıdır (iki nəfər prinsipi).',
    en: 'The person who created the draft and the person who approves it must differ (four eyes).',
    ru: 'Создавший проект и утверждающий его должны быть разными людьми (принцип четырёх глаз).',
  },
});

export const DiscussionClosed = defineError({
  type: 'registry/discussion-closed',
  status: 409,
  title: {
    az: 'İctimai müzakirə bağlanıb',
    en: 'The public discussion is closed',
    ru: 'Общественное обсуждение закрыто',
  },
  detail: {
    az: 'Təkliflər yalnız müzakirə açıq olduğu müddətdə qəbul edilir (bağlanma vaxtı: {closesAt}).',
    en: 'Proposals are accepted only while the discussion is open (it closed at {closesAt}).',
    ru: 'Предложения принимаются, только пока обсуждение открыто (закрыто в {closesAt}).',
  },
});

export const DiscussionStillOpen = defineError({
  type: 'registry/discussion-still-open',
  status: 409,
  title: {
    az: 'İctimai müzakirə hələ davam edir',
    en: 'The public discussion is still open',
    ru: 'Общественное обсуждение ещё идёт',
  },
  detail: {
    az: 'Reqlament müzakirə bağlandıqdan sonra təsdiq edilir (bağlanma vaxtı: {closesAt}).',
    en: 'A regulation is approved after its discussion closes (at {closesAt}).',
    ru: 'Регламент утверждается после закрытия обсуждения (в {closesAt}).',
  },
});

export const DiscussionClosingInvalid = defineError({
  type: 'registry/discussion-closing-invalid',
  status: 400,
  title: {
    az: 'Müzakirənin bağlanma vaxtı gələcəkdə olmalıdır',
    en: 'The discussion must close in the future',
    ru: 'Обсуждение должно закрываться в будущем',
  },
  detail: {
    az: 'Bağlanma vaxtı indidən sonra və bir ildən gec olmamalıdır.',
    en: 'The closing time must be after now and within a year.',
    ru: 'Время закрытия — позже текущего и не позднее чем через год.',
  },
});

export const RegulationInvalid = defineError({
  type: 'registry/regulation-invalid',
  status: 422,
  title: {
    az: 'Reqlament şablonun tələblərinə uyğun deyil',
    en: 'The regulation does not meet the template’s rules',
    ru: 'Регламент не соответствует правилам шаблона',
  },
  detail: {
    az: 'Əlavə 1-in şərti sahələrinə baxın (errors): məsələn, ödənişli xidmət üçün 2.2.1, interaktiv xidmət üçün 3.2.',
    en: 'See the conditional fields of Appendix 1 (errors): e.g. 2.2.1 for a paid service, 3.2 for an interactive one.',
    ru: 'См. условные поля Приложения 1 (errors): например, 2.2.1 для платной услуги, 3.2 для интерактивной.',
  },
});
