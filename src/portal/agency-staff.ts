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
