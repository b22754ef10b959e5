import { defineError } from '../../platform/errors/app-error.ts';

/** Public discussion errors (docs/errors.md, "Public discussion of draft acts"). */

export const DraftActNotFound = defineError({
  type: 'discussion/not-found',
  status: 404,
  title: {
    az: 'Layihə tapılmadı',
    en: 'Draft act not found',
    ru: 'Проект не найден',
  },
});

export const NotAgencyStaff = defineError({
  type: 'discussion/not-agency-staff',
  status: 403,
  title: {
    az: 'Siz bu qurumun portal əməkdaşı deyilsiniz',
    en: 'You are not portal staff of this agency',
    ru: 'Вы не сотрудник портала этого органа',
  },
  detail: {
    az: 'Layihəni və müzakirənin yekununu qurumun "portal" modulu üzrə əməkdaşı və ya rəhbəri dərc edir. Heç nə dəyişmədi.',
    en: 'Drafts and discussion summaries are published by staff of the agency with the role staff on the module portal, or its head. Nothing changed.',
    ru: 'Проекты и итоги обсуждения публикуют сотрудники органа с ролью staff в модуле portal или его руководитель. Ничего не изменено.',
  },
});

export const ClosingDateInvalid = defineError({
  type: 'discussion/closing-date-invalid',
  status: 400,
  title: {
    az: 'Müzakirənin bitmə tarixi gələcəkdə olmalıdır',
    en: 'The discussion must close in the future',
    ru: 'Обсуждение должно завершаться в будущем',
  },
  detail: {
    az: 'closesAt indidən sonra və bir ildən gec olmamalıdır. Heç nə saxlanılmadı.',
    en: 'closesAt must be after now and within a year. Nothing was stored.',
    ru: 'closesAt должен быть позже текущего момента и не позднее чем через год. Ничего не сохранено.',
  },
});

export const DiscussionClosed = defineError({
  type: 'discussion/closed',
  status: 409,
  title: {
    az: 'Müzakirə başa çatıb',
    en: 'The discussion is closed',
    ru: 'Обсуждение завершено',
  },
  detail: {
    az: 'Təkliflər yalnız müzakirənin bitmə vaxtına ({closesAt}) qədər qəbul edilir. Heç nə saxlanılmadı.',
    en: 'Proposals are accepted only until the discussion closes ({closesAt}). Nothing was stored.',
    ru: 'Предложения принимаются только до завершения обсуждения ({closesAt}). Ничего не сохранено.',
  },
});

export const DiscussionStillOpen = defineError({
  type: 'discussion/still-open',
  status: 409,
  title: {
    az: 'Müzakirə hələ davam edir',
    en: 'The discussion is still open',
    ru: 'Обсуждение ещё идёт',
  },
  detail: {
    az: 'Yekun müzakirə başa çatdıqdan ({closesAt}) sonra dərc edilir. Heç nə dəyişmədi.',
    en: 'The summary is published after the discussion closes ({closesAt}). Nothing changed.',
    ru: 'Итоги публикуются после завершения обсуждения ({closesAt}). Ничего не изменено.',
  },
});

export const SummaryAlreadyPublished = defineError({
  type: 'discussion/summary-published',
  status: 409,
  title: {
    az: 'Müzakirənin yekunu artıq dərc edilib',
    en: 'The summary has already been published',
    ru: 'Итоги обсуждения уже опубликованы',
  },
  detail: {
    az: 'Yekun bir dəfə dərc edilir. Heç nə dəyişmədi.',
    en: 'A summary is published once. Nothing changed.',
    ru: 'Итоги публикуются один раз. Ничего не изменено.',
  },
});

export const SubjectTaken = defineError({
  type: 'discussion/subject-taken',
  status: 409,
  title: {
    az: 'Bu layihə üzrə müzakirə artıq açılıb',
    en: 'A discussion of this draft already exists',
    ru: 'Обсуждение этого проекта уже открыто',
  },
});
