import { defineError } from '../../platform/errors/app-error.ts';

/** Attachment errors (docs/errors.md, section Attachments). */

export const FileTypeNotAllowed = defineError({
  type: 'attachments/file-type-not-allowed',
  status: 415,
  title: {
    az: 'Bu fayl növü qəbul edilmir',
    en: 'This kind of file is not accepted',
    ru: 'Этот тип файла не принимается',
  },
  detail: {
    az: 'Yalnız PDF, JPEG və PNG faylları yükləmək olar. Faylın növü adından deyil, məzmunundan müəyyən edilir.',
    en: 'Only PDF, JPEG and PNG files can be uploaded. The kind of a file is told by its content, not by its name.',
    ru: 'Можно загружать только файлы PDF, JPEG и PNG. Тип файла определяется по его содержимому, а не по имени.',
  },
});

export const FileTooLarge = defineError({
  type: 'attachments/file-too-large',
  status: 413,
  title: {
    az: 'Fayl çox böyükdür',
    en: 'The file is too large',
    ru: 'Файл слишком большой',
  },
  detail: {
    az: 'Faylın həcmi {limitMb} MB-dan çox ola bilməz. Sənədi daha aşağı keyfiyyətlə skan edin və ya hissələrə bölün.',
    en: 'A file may not exceed {limitMb} MB. Scan the document at a lower resolution or split it into parts.',
    ru: 'Размер файла не может превышать {limitMb} МБ. Отсканируйте документ с меньшим разрешением или разделите его на части.',
  },
});

export const FileEmpty = defineError({
  type: 'attachments/file-empty',
  status: 400,
  title: {
    az: 'Fayl boşdur',
    en: 'The file is empty',
    ru: 'Файл пуст',
  },
  detail: {
    az: 'Sorğunun gövdəsində faylın özünü göndərin.',
    en: 'Send the file itself as the request body.',
    ru: 'Отправьте сам файл в теле запроса.',
  },
});

export const TooManyPendingAttachments = defineError({
  type: 'attachments/too-many-pending',
  status: 409,
  title: {
    az: 'Göndərilməmiş faylların sayı həddə çatıb',
    en: 'Too many files not yet submitted',
    ru: 'Слишком много неотправленных файлов',
  },
  detail: {
    az: 'Bir anda ən çox {limit} göndərilməmiş fayl saxlamaq olar. Lazım olmayanları silin və ya onları müraciətlə göndərin.',
    en: 'You may keep at most {limit} files that are not yet part of a submitted request. Delete the ones you do not need or submit them with a request.',
    ru: 'Можно хранить не более {limit} файлов, ещё не отправленных с заявлением. Удалите ненужные или отправьте их с заявлением.',
  },
});

export const AttachmentNotFound = defineError({
  type: 'attachments/not-found',
  status: 404,
  title: {
    az: 'Fayl tapılmadı',
    en: 'Attachment not found',
    ru: 'Файл не найден',
  },
});

export const AttachmentSubmitted = defineError({
  type: 'attachments/already-submitted',
  status: 409,
  title: {
    az: 'Fayl artıq müraciətlə göndərilib',
    en: 'The attachment has already been submitted',
    ru: 'Файл уже отправлен с заявлением',
  },
  detail: {
    az: 'Göndərilmiş müraciətin sənədi silinə və ya başqa müraciətə əlavə edilə bilməz.',
    en: 'A document of a submitted request cannot be deleted or added to another request.',
    ru: 'Документ отправленного заявления нельзя удалить или приложить к другому заявлению.',
  },
});
