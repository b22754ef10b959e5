import type { Platform } from '../../platform/platform.ts';
import type { RoleDirectory } from '../agency-staff.ts';
import { DiscussionService } from './discussion.service.ts';
import type { DiscussionTables } from './discussion.store.ts';

export { DiscussionService } from './discussion.service.ts';
export type { Actor, DiscussionInput, DiscussionStatus } from './discussion.service.ts';
export type { Comment, Discussion, SubjectKind } from './discussion.store.ts';
export { registerDiscussionRoutes } from './discussion.routes.ts';

/** Public discussions on a platform; `roles` is identity's StaffService. */
export function createDiscussions(platform: Platform, roles: RoleDirectory): DiscussionService {
  return new DiscussionService({
    db: platform.db.typed<DiscussionTables>(),
    clock: platform.clock,
    audit: platform.audit,
    roles,
  });
}
