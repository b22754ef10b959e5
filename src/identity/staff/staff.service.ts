import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Forbidden } from '../../platform/errors/platform.errors.ts';
import type { RoleNeed } from '../../platform/http/guards.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { acrAtLeast } from '../http-auth.ts';
import { AssuranceTooLow } from '../identity.errors.ts';
import type { Acr } from '../identity.store.ts';
import type { PersonSummary } from '../people.ts';
import type { SessionStore } from '../sessions.ts';
import {
  AccountNotFound,
  AlreadyStaff,
  AlreadySuspended,
  NotOnYourself,
  NotStaff,
  NotSuspended,
  PersonNotFound,
  RoleNotAllowed,
  RoleNotFound,
} from './staff.errors.ts';
import {
  findAccountOfFin,
  findRoleInForce,
  holdsRole,
  insertRole,
  markRevoked,
  rolesInForce,
  rolesOfMember,
  suspensionsOf,
  type StaffDb,
  type StaffRole,
  type Suspension,
} from './staff.store.ts';
import {
  OPERATOR_MEMBER,
  OPERATOR_MODULES,
  roleShapeProblem,
  type StaffModule,
  type StaffRoleName,
} from './roles.ts';

/** Who is doing a staff operation: the signed-in person and how strongly they logged in. */
export interface StaffActor {
  readonly fin: string;
  readonly acr: Acr;
}

export interface RoleInput {
  readonly module: StaffModule;
  readonly role: StaffRoleName;
}

export interface StaffMember {
  readonly fin: string;
  readonly name: string | null;
  readonly roles: StaffRole[];
}

/** Looks a person up in the population register (through the exchange). */
export type PersonLookup = (fin: string, actor: string) => Promise<PersonSummary | undefined>;

/** The CLI bootstraps the first operator under this actor (docs/audit-events.md). */
export const CLI_ACTOR = 'system:cli';

/** What the staff operations need to know about the members of the exchange. */
export interface MemberDirectory {
  /** Resolves when the member exists; throws exchange/unknown-member otherwise. */
  getMember(code: string): Promise<unknown>;
}

function nameOf(person: PersonSummary): string {
  return `${person.firstName} ${person.lastName}`;
}

/**
 * Agency staff and their roles (IAM-004-5.2a, 5.2c), the platform operator, and account
 * restriction (IAM-004-6.2.6). Authorization lives here, next to the data: every method takes the
 * acting person and refuses what they may not do; the routes only pass the session on.
 *
 * Who may do what:
 * - the head of member M grants and revokes `staff` roles in M;
 * - an operator (role `operator` on `exchange` in digital-development-transport) does what any
 *   head may, and also appoints and removes heads, grants and revokes `operator`, restricts
 *   accounts. Nobody revokes their own operator role or suspends their own account.
 * Every operation needs a session with acr high (seed 004 §6.1.17, §7.1.1).
 */
export class StaffService {
  readonly #db: StaffDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #sessions: SessionStore;
  readonly #members: MemberDirectory;
  readonly #person: PersonLookup | undefined;

  constructor(options: {
    readonly db: StaffDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly sessions: SessionStore;
    readonly members: MemberDirectory;
    readonly person: PersonLookup | undefined;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#sessions = options.sessions;
    this.#members = options.members;
    this.#person = options.person;
  }

  /** listMyRoles, getMe: the roles a person holds today. */
  rolesOf(fin: string): Promise<StaffRole[]> {
    return rolesInForce(this.#db, fin);
  }

  holds(fin: string, need: RoleNeed): Promise<boolean> {
    return holdsRole(this.#db, fin, need);
  }

  isOperator(fin: string): Promise<boolean> {
    return holdsRole(this.#db, fin, {
      member: OPERATOR_MEMBER,
      module: 'exchange',
      role: 'operator',
    });
  }

  /** The audit actor of a person acting as operator or as agency staff. */
  async actorName(fin: string): Promise<string> {
    return (await this.isOperator(fin)) ? `operator:${fin}` : `staff:${fin}`;
  }

  /**
   * What the actor may manage in `member`: `operator` (everything), `head` (staff roles), or a
   * refusal (403, audited). Checks assurance first (403 identity/assurance-too-low).
   */
  async #authority(
    actor: StaffActor,
    member: string,
    action: string,
  ): Promise<'operator' | 'head'> {
    if (!acrAtLeast(actor.acr, 'high')) throw new AppError(AssuranceTooLow);
    if (await this.isOperator(actor.fin)) return 'operator';
    if (await holdsRole(this.#db, actor.fin, { member, module: '*', role: 'head' })) return 'head';
    await this.#audit.append({
      actor: `citizen:${actor.fin}`,
      action,
      resource: `member:${member}`,
      outcome: 'refused',
    });
    throw new AppError(Forbidden);
  }

  async #operatorOnly(actor: StaffActor, action: string, subjectFin?: string): Promise<string> {
    if (!acrAtLeast(actor.acr, 'high')) throw new AppError(AssuranceTooLow);
    if (await this.isOperator(actor.fin)) return `operator:${actor.fin}`;
    await this.#audit.append({
      actor: `citizen:${actor.fin}`,
      action,
      ...(subjectFin === undefined ? {} : { subjectFin }),
      outcome: 'refused',
    });
    throw new AppError(Forbidden);
  }

  /** Checks each requested role's shape and that `authority` may grant it. */
  async #checkGrantable(
    actor: StaffActor,
    authority: 'operator' | 'head',
    member: string,
    roles: readonly RoleInput[],
    action: string,
  ): Promise<void> {
    for (const [index, role] of roles.entries()) {
      const problem = roleShapeProblem(member, role.module, role.role);
      if (problem !== undefined) {
        throw new AppError(RoleNotAllowed, {
          errors: [{ pointer: `#/roles/${index}`, detail: problem }],
        });
      }
    }
    if (authority === 'head' && roles.some((r) => r.role !== 'staff')) {
      await this.#audit.append({
        actor: `staff:${actor.fin}`,
        action,
        resource: `member:${member}`,
        outcome: 'refused',
      });
      throw new AppError(Forbidden);
    }
  }

  async #personName(fin: string, actor: string): Promise<string> {
    if (this.#person === undefined)
      throw new Error('no population register: agencies not attached');
    const person = await this.#person(fin, actor);
    if (person === undefined || person.deathDate !== null) throw new AppError(PersonNotFound);
    return nameOf(person);
  }

  async #grant(
    fin: string,
    member: string,
    role: RoleInput,
    grant: { by: string; reason: string | null; name: string | null; action: string },
  ): Promise<boolean> {
    const id = randomUUID();
    const inserted = await insertRole(this.#db, {
      id,
      fin,
      member,
      module: role.module,
      role: role.role,
      person_name: grant.name,
      granted_by: grant.by,
      granted_at: this.#clock.now(),
      grant_reason: grant.reason,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    if (inserted) {
      await this.#audit.append({
        actor: grant.by,
        action: grant.action,
        subjectFin: fin,
        resource: `role:${id}:${member}/${role.module}/${role.role}`,
        ...(grant.reason === null ? {} : { purpose: grant.reason.slice(0, 500) }),
        outcome: 'success',
      });
    }
    return inserted;
  }

  async #revoke(role: StaffRole, by: string, reason: string): Promise<boolean> {
    const revoked = await markRevoked(this.#db, role.id, { at: this.#clock.now(), by, reason });
    if (revoked) {
      await this.#audit.append({
        actor: by,
        action: 'identity.staff-role-revoke',
        subjectFin: role.fin,
        resource: `role:${role.id}:${role.member}/${role.module}/${role.role}`,
        purpose: reason.slice(0, 500),
        outcome: 'success',
      });
    }
    return revoked;
  }

  /**
   * inviteStaff: the head of `member` (or an operator) registers a person as staff with roles
   * (IAM-004-5.2a). Effective at once: the roles are the person's, usable as soon as they log in
   * with a certificate or mobile signature.
   */
  async invite(
    actor: StaffActor,
    member: string,
    input: { fin: string; roles: readonly RoleInput[]; reason?: string | undefined },
  ): Promise<StaffMember> {
    const authority = await this.#authority(actor, member, 'identity.staff-invite');
    await this.#members.getMember(member);
    await this.#checkGrantable(actor, authority, member, input.roles, 'identity.staff-invite');
    if ((await rolesOfMember(this.#db, member, { history: false, fin: input.fin })).length > 0) {
      throw new AppError(AlreadyStaff);
    }
    const by = authority === 'operator' ? `operator:${actor.fin}` : `staff:${actor.fin}`;
    const name = await this.#personName(input.fin, by);
    for (const role of input.roles) {
      await this.#grant(input.fin, member, role, {
        by,
        reason: input.reason ?? null,
        name,
        action: 'identity.staff-invite',
      });
    }
    return this.#member(member, input.fin, false);
  }

  async #member(member: string, fin: string, history: boolean): Promise<StaffMember> {
    const roles = await rolesOfMember(this.#db, member, { history, fin });
    return { fin, name: roles.findLast((r) => r.personName !== null)?.personName ?? null, roles };
  }

  /** listStaff: the member's staff with their roles (with `history`, revoked roles too). */
  async listStaff(
    actor: StaffActor,
    member: string,
    options: { history: boolean },
  ): Promise<StaffMember[]> {
    const authority = await this.#authority(actor, member, 'identity.staff-list');
    await this.#members.getMember(member);
    const roles = await rolesOfMember(this.#db, member, options);
    const byFin = new Map<string, StaffRole[]>();
    for (const role of roles) byFin.set(role.fin, [...(byFin.get(role.fin) ?? []), role]);
    await this.#audit.append({
      actor: authority === 'operator' ? `operator:${actor.fin}` : `staff:${actor.fin}`,
      action: 'identity.staff-list',
      resource: `member:${member}`,
      outcome: 'success',
    });
    return [...byFin].map(([fin, list]) => ({
      fin,
      name: list.findLast((r) => r.personName !== null)?.personName ?? null,
      roles: list,
    }));
  }

  /**
   * changeStaffRoles: the person's roles in `member` become `roles`, among those the actor may
   * manage (a head manages `staff` roles; roles the actor may not manage are left as they are).
   * New ones are granted, missing ones revoked with `reason`; history is kept.
   */
  async changeRoles(
    actor: StaffActor,
    member: string,
    fin: string,
    input: { roles: readonly RoleInput[]; reason: string },
  ): Promise<StaffMember> {
    const authority = await this.#authority(actor, member, 'identity.staff-roles-change');
    await this.#members.getMember(member);
    await this.#checkGrantable(
      actor,
      authority,
      member,
      input.roles,
      'identity.staff-roles-change',
    );
    const current = await rolesOfMember(this.#db, member, { history: false, fin });
    if (current.length === 0) throw new AppError(NotStaff);
    const by = authority === 'operator' ? `operator:${actor.fin}` : `staff:${actor.fin}`;
    const manageable = (r: { role: StaffRoleName }): boolean =>
      authority === 'operator' || r.role === 'staff';
    const wanted = new Set(input.roles.map((r) => `${r.module}|${r.role}`));
    const removed = current.filter((r) => manageable(r) && !wanted.has(`${r.module}|${r.role}`));
    if (
      fin === actor.fin &&
      removed.some((r) => r.role === 'operator' && r.module === 'exchange')
    ) {
      throw new AppError(NotOnYourself);
    }
    const name = current.findLast((r) => r.personName !== null)?.personName ?? null;
    for (const role of input.roles) {
      if (current.some((r) => r.module === role.module && r.role === role.role)) continue;
      await this.#grant(fin, member, role, {
        by,
        reason: input.reason,
        name,
        action: 'identity.staff-roles-change',
      });
    }
    for (const role of removed) await this.#revoke(role, by, input.reason);
    return this.#member(member, fin, false);
  }

  /** revokeStaffRole: one role in force in `member`; a head may revoke `staff` roles only. */
  async revokeRole(
    actor: StaffActor,
    member: string,
    roleId: string,
    reason: string,
  ): Promise<StaffRole> {
    const authority = await this.#authority(actor, member, 'identity.staff-role-revoke');
    const role = await findRoleInForce(this.#db, member, roleId);
    if (role === undefined) throw new AppError(RoleNotFound);
    if (authority === 'head' && role.role !== 'staff') {
      await this.#audit.append({
        actor: `staff:${actor.fin}`,
        action: 'identity.staff-role-revoke',
        subjectFin: role.fin,
        resource: `role:${role.id}`,
        outcome: 'refused',
      });
      throw new AppError(Forbidden);
    }
    if (role.fin === actor.fin && role.role === 'operator' && role.module === 'exchange') {
      throw new AppError(NotOnYourself);
    }
    const by = authority === 'operator' ? `operator:${actor.fin}` : `staff:${actor.fin}`;
    if (!(await this.#revoke(role, by, reason))) throw new AppError(RoleNotFound);
    const after = await findRoleInHistory(this.#db, member, role.fin, role.id);
    return after ?? role;
  }

  /** appointAgencyHead (operator only): the person becomes head of `member`. Idempotent. */
  async appointHead(
    actor: StaffActor,
    member: string,
    input: { fin: string; reason: string },
  ): Promise<StaffMember> {
    const by = await this.#operatorOnly(actor, 'identity.agency-head-appoint', input.fin);
    await this.#members.getMember(member);
    const name = await this.#personName(input.fin, by);
    await this.#grant(
      input.fin,
      member,
      { module: '*', role: 'head' },
      { by, reason: input.reason, name, action: 'identity.agency-head-appoint' },
    );
    return this.#member(member, input.fin, false);
  }

  /**
   * The first operator (`npm run ehis -- bootstrap-operator --fin <FİN>`), and the demo operator:
   * roles `operator` on the exchange and the registry in the platform's member. The FİN must be a
   * living person of the population register. Idempotent: returns the roles granted now.
   */
  async bootstrapOperator(fin: string, actor: string = CLI_ACTOR): Promise<StaffRole[]> {
    const name = await this.#personName(fin, actor);
    const granted: StaffRole[] = [];
    for (const module of OPERATOR_MODULES) {
      const ok = await this.#grant(
        fin,
        OPERATOR_MEMBER,
        { module, role: 'operator' },
        { by: actor, reason: 'bootstrap', name, action: 'identity.operator-bootstrap' },
      );
      if (ok) {
        const roles = await rolesOfMember(this.#db, OPERATOR_MEMBER, { history: false, fin });
        const role = roles.find((r) => r.module === module && r.role === 'operator');
        if (role !== undefined) granted.push(role);
      }
    }
    return granted;
  }

  /**
   * A role granted by the platform itself rather than by a head or an operator: the registry's
   * seed catalogue (demo mode) makes synthetic staff of each provider (src/registry/README.md).
   * The FİN must be a living person of the population register. Audited as
   * `identity.staff-invite` by `actor`. Idempotent: false when the role was held already.
   */
  async grantBySystem(
    fin: string,
    member: string,
    role: RoleInput,
    grant: { readonly actor: string; readonly reason: string },
  ): Promise<boolean> {
    const problem = roleShapeProblem(member, role.module, role.role);
    if (problem !== undefined) throw new Error(`grantBySystem: ${problem}`);
    if (await holdsRole(this.#db, fin, { member, module: role.module, role: role.role })) {
      return false;
    }
    const name = await this.#personName(fin, grant.actor);
    return this.#grant(fin, member, role, {
      by: grant.actor,
      reason: grant.reason,
      name,
      action: 'identity.staff-invite',
    });
  }

  /**
   * suspendAccount (operator, IAM-004-6.2.6): the account's sessions end at once and no login
   * opens a new one until an operator reinstates it. Its roles are kept (and unusable meanwhile).
   */
  async suspendAccount(actor: StaffActor, fin: string, reason: string): Promise<Suspension[]> {
    const by = await this.#operatorOnly(actor, 'identity.account-suspend', fin);
    if (fin === actor.fin) throw new AppError(NotOnYourself);
    const account = await findAccountOfFin(this.#db, fin);
    if (account === undefined) throw new AppError(AccountNotFound);
    if (account.status === 'suspended') throw new AppError(AlreadySuspended);
    const now = this.#clock.now();
    const changed = await this.#db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('identity.account')
        .set({ status: 'suspended' })
        .where('id', '=', account.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('identity.account_suspension')
        .values({
          id: randomUUID(),
          account_id: account.id,
          suspended_at: now,
          suspended_by: by,
          reason,
          lifted_at: null,
          lifted_by: null,
          lift_reason: null,
        })
        .execute();
      return true;
    });
    if (!changed) throw new AppError(AlreadySuspended);
    await this.#sessions.endAll(account.id, 'account-suspended');
    await this.#audit.append({
      actor: by,
      action: 'identity.account-suspend',
      subjectFin: fin,
      resource: `account:${account.id}`,
      purpose: reason.slice(0, 500),
      outcome: 'success',
    });
    return suspensionsOf(this.#db, account.id);
  }

  /** reinstateAccount (operator): lifts the suspension; the person may log in again. */
  async reinstateAccount(actor: StaffActor, fin: string, reason: string): Promise<Suspension[]> {
    const by = await this.#operatorOnly(actor, 'identity.account-reinstate', fin);
    const account = await findAccountOfFin(this.#db, fin);
    if (account === undefined) throw new AppError(AccountNotFound);
    if (account.status !== 'suspended') throw new AppError(NotSuspended);
    const now = this.#clock.now();
    const changed = await this.#db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('identity.account')
        .set({ status: 'active' })
        .where('id', '=', account.id)
        .where('status', '=', 'suspended')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('identity.account_suspension')
        .set({ lifted_at: now, lifted_by: by, lift_reason: reason })
        .where('account_id', '=', account.id)
        .where('lifted_at', 'is', null)
        .execute();
      return true;
    });
    if (!changed) throw new AppError(NotSuspended);
    await this.#audit.append({
      actor: by,
      action: 'identity.account-reinstate',
      subjectFin: fin,
      resource: `account:${account.id}`,
      purpose: reason.slice(0, 500),
      outcome: 'success',
    });
    return suspensionsOf(this.#db, account.id);
  }
}

async function findRoleInHistory(
  db: StaffDb,
  member: string,
  fin: string,
  id: string,
): Promise<StaffRole | undefined> {
  return (await rolesOfMember(db, member, { history: true, fin })).find((r) => r.id === id);
}
