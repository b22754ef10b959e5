import { defineError } from '../../platform/errors/app-error.ts';

/** Notification errors (docs/errors.md, section Notifications). */

export const NotificationNotFound = defineError({
  type: 'notifications/not-found',
  status: 404,
  title: {
    az: 'Bildiriş tapılmadı',
    en: 'Notification not found',
    ru: 'Уведомление не найдено',
  },
});

export const DevOutboxClosed = defineError({
  type: 'notifications/dev-outbox-closed',
  status: 404,
  title: {
    az: 'Test poçt qutusu yalnız demo rejimində açıqdır',
    en: 'The test outbox is open only in demo mode',
    ru: 'Тестовый ящик исходящих открыт только в демо-режиме',
  },
});
