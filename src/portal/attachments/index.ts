// Attachments of portal requests (issue 6 item 4). Other modules import from here.
import type { Platform } from '../../platform/platform.ts';
import type { RoleDirectory } from '../agency-staff.ts';
import { AttachmentService } from './attachments.service.ts';
import type { AttachmentTables } from './attachments.store.ts';

export {
  AttachmentService,
  MAX_ATTACHMENT_BYTES,
  MAX_PENDING_ATTACHMENTS,
  type AttachmentActor,
  type AttachmentReaderRule,
} from './attachments.service.ts';
export type { Attachment, AttachmentTables } from './attachments.store.ts';
export { registerAttachmentRoutes } from './attachments.routes.ts';
export { ATTACHMENT_TYPES, sniffType, type AttachmentType } from './file-type.ts';

/** The attachment service on a platform; `roles` lets agency staff read submitted files. */
export function createAttachments(platform: Platform, roles?: RoleDirectory): AttachmentService {
  return new AttachmentService({
    db: platform.db.typed<AttachmentTables>(),
    files: platform.files,
    clock: platform.clock,
    audit: platform.audit,
    ...(roles === undefined ? {} : { roles }),
  });
}
