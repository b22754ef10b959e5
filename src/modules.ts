import type { ModuleMigrations } from './platform/db/migrate.ts';

/**
 * Every module's migrations, in dependency order. A module owns its schema; the order only
 * matters for the platform tables others may reference by value (never by foreign key).
 */
export const moduleMigrations: readonly ModuleMigrations[] = [
  { module: 'audit', dir: new URL('./platform/audit/migrations/', import.meta.url) },
  { module: 'queue', dir: new URL('./platform/queue/migrations/', import.meta.url) },
  { module: 'pki', dir: new URL('./platform/pki/migrations/', import.meta.url) },
  { module: 'exchange', dir: new URL('./exchange/migrations/', import.meta.url) },
  { module: 'population', dir: new URL('./agencies/population/migrations/', import.meta.url) },
  {
    module: 'civil-registry',
    dir: new URL('./agencies/civil-registry/migrations/', import.meta.url),
  },
  { module: 'identity', dir: new URL('./identity/migrations/', import.meta.url) },
  { module: 'registry', dir: new URL('./registry/migrations/', import.meta.url) },
  { module: 'complaints', dir: new URL('./portal/complaints/migrations/', import.meta.url) },
  { module: 'discussion', dir: new URL('./portal/discussion/migrations/', import.meta.url) },
  { module: 'attachments', dir: new URL('./portal/attachments/migrations/', import.meta.url) },
  { module: 'notifications', dir: new URL('./portal/notifications/migrations/', import.meta.url) },
  { module: 'payments', dir: new URL('./portal/payments/migrations/', import.meta.url) },
  { module: 'demo', dir: new URL('./platform/demo/migrations/', import.meta.url) },
];
