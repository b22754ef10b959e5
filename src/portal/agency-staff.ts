import type { AuditLog } from '../platform/audit/audit.service.ts';
import { AppError, type ErrorDefinition } from '../platform/errors/app-error.ts';
import { AssuranceTooLow } from '../identity/identity.errors.ts';

/** Roles as identity keeps them (`StaffService.holds` fits). */
export interface RoleDirectory {
  holds(
    fin: string,
    need: { readonly member?: string; readonly module: string; readonly role: string },
  ): Promise<boolean>;
}

/**
 * Whether the person does the portal work of `agency` (its e-cabinet): the role `staff` on the
 * module `portal` in that agency, or the agency's head (docs/staff-roles.md). The session must also
 * have acr high; the services check that themselves.
 */
export async function isPortalStaff(
  roles: RoleDirectory,
  fin: string,
  agency: string,
): Promise<boolean> {
  return (
    (await roles.holds(fin, { member: agency, module: 'portal', role: 'staff' })) ||
    (await roles.holds(fin, { member: agency, module: '*', role: 'head' }))
  );
}

/**
 * Refuses unless the actor logged in at acr high (403 identity/assurance-too-low) and does the
 * portal work of `agency` (else `refusal`, audited with the action and resource asked for).
 */
export async function requirePortalStaff(
  deps: { readonly roles: RoleDirectory; readonly audit: AuditLog },
  actor: { readonly fin: string; readonly acr: string },
  agency: string,
  attempt: { readonly action: string; readonly resource: string },
  refusal: ErrorDefinition,
): Promise<void> {
  if (actor.acr !== 'high') throw new AppError(AssuranceTooLow);
  if (await isPortalStaff(deps.roles, actor.fin, agency)) return;
  await deps.audit.append({
    actor: `citizen:${actor.fin}`,
    action: attempt.action,
    resource: attempt.resource,
    outcome: 'refused',
    purpose: 'not-agency-staff',
  });
  throw new AppError(refusal);
}
