import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapOperator } from '../../src/identity/staff/index.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { seedPopulation } from '../../src/platform/demo/index.ts';
import { startPlatform } from '../../src/platform/platform.ts';
import { createIdentity } from '../../src/identity/index.ts';
import { createIdentityHarness, TestBrowser, type IdentityHarness } from '../support/identity.ts';
import { silentLogger } from '../support/logger.ts';
import { signInAs, signInAsOperator, type SignedInBrowser } from '../support/operator.ts';

const MEMBER = 'justice';

interface RoleView {
  id: string;
  fin: string;
  member: string;
  module: string;
  role: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
interface StaffView {
  fin: string;
  name: string | null;
  roles: RoleView[];
}

describe('agency staff, roles and the operator (issue 4 item 7)', () => {
  let h: IdentityHarness;
  let operator: SignedInBrowser;
  let head: SignedInBrowser;

  const db = () => h.test.platform.db.kysely;
  const as = (fin: string, acr: 'low' | 'high' = 'high') =>
    signInAs(h.test.platform, h.app, h.agencies.portalClient, fin, acr);

  async function roleRows(member = MEMBER): Promise<number> {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM identity.staff_role WHERE member = ${member}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }

  async function audit(action: string): Promise<
    {
      actor: string;
      subject_fin: string | null;
      outcome: string;
      resource: string | null;
      purpose: string | null;
    }[]
  > {
    const r = await sql<{
      actor: string;
      subject_fin: string | null;
      outcome: string;
      resource: string | null;
      purpose: string | null;
    }>`SELECT actor, subject_fin, outcome, resource, purpose FROM audit.entry
       WHERE action = ${action} ORDER BY seq`.execute(db());
    return r.rows;
  }

  beforeAll(async () => {
    h = await createIdentityHarness();
    operator = await signInAsOperator(h.test.platform, h.app, {
      agencies: h.agencies,
      fin: h.adult().fin,
    });
    head = await as(h.adult().fin);
  });
  afterAll(async () => {
    await h.close();
  });

  it('IAM-004-5.2c: bootstrapOperator grants operator on the exchange and the registry, idempotently, audited as system:cli; an unknown FİN is refused and changes nothing', async () => {
    const fin = h.adult().fin;
    const granted = await bootstrapOperator(h.test.platform, h.agencies.portalClient, fin);
    expect(granted.map((r) => [r.member, r.module, r.role])).toEqual([
      ['digital-development-transport', 'exchange', 'operator'],
      ['digital-development-transport', 'registry', 'operator'],
    ]);
    expect(await bootstrapOperator(h.test.platform, h.agencies.portalClient, fin)).toEqual([]);
    const entries = (await audit('identity.operator-bootstrap')).filter(
      (e) => e.subject_fin === fin,
    );
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.actor === 'system:cli' && e.outcome === 'success')).toBe(true);

    const before = await roleRows('digital-development-transport');
    await expect(
      bootstrapOperator(h.test.platform, h.agencies.portalClient, '0000000'),
    ).rejects.toMatchObject({ type: 'identity/person-not-found' });
    expect(await roleRows('digital-development-transport')).toBe(before);
  });

  it('IAM-004-5.2a: an operator appoints the head of an agency; a citizen, a head or an operator with a password login cannot, and nothing changes', async () => {
    const body = { fin: head.fin, reason: 'Order № 12 of the minister' };
    const noSession = await new TestBrowser(h.app).post(`/api/agencies/${MEMBER}/head`, body);
    expect(noSession.statusCode).toBe(401);
    const stranger = await as(h.adult().fin);
    const refused = await stranger.browser.post(`/api/agencies/${MEMBER}/head`, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: 'platform/forbidden' });
    const weakOperator = await as(operator.fin, 'low');
    const weak = await weakOperator.browser.post(`/api/agencies/${MEMBER}/head`, body);
    expect(weak.statusCode).toBe(403);
    expect(weak.json()).toMatchObject({ type: 'identity/assurance-too-low' });
    expect(await roleRows()).toBe(0);
    expect(await audit('identity.agency-head-appoint')).toEqual([
      expect.objectContaining({ actor: `citizen:${stranger.fin}`, outcome: 'refused' }),
    ]);

    const unknownMember = await operator.browser.post('/api/agencies/no-such-agency/head', body);
    expect(unknownMember.statusCode).toBe(404);
    expect(unknownMember.json()).toMatchObject({ type: 'exchange/unknown-member' });

    const res = await operator.browser.post(`/api/agencies/${MEMBER}/head`, body);
    expect(res.statusCode).toBe(200);
    const view = res.json<StaffView>();
    expect(view).toMatchObject({ fin: head.fin, name: expect.any(String) as unknown });
    expect(view.roles).toEqual([
      expect.objectContaining({
        member: MEMBER,
        module: '*',
        role: 'head',
        grantedBy: `operator:${operator.fin}`,
      }),
    ]);
    // Idempotent: appointing again grants nothing new.
    await operator.browser.post(`/api/agencies/${MEMBER}/head`, body);
    expect(await roleRows()).toBe(1);
    expect(
      (await audit('identity.agency-head-appoint')).filter((e) => e.outcome === 'success'),
    ).toEqual([
      expect.objectContaining({
        actor: `operator:${operator.fin}`,
        subject_fin: head.fin,
        purpose: 'Order № 12 of the minister',
      }),
    ]);

    // A head cannot appoint heads.
    const byHead = await head.browser.post(`/api/agencies/${MEMBER}/head`, {
      fin: h.adult().fin,
      reason: 'my deputy',
    });
    expect(byHead.statusCode).toBe(403);
    expect(await roleRows()).toBe(1);
  });

  it('IAM-004-5.2a IAM-001-2.13: the head invites staff with roles; the roles show in listMyRoles and getMe and are effective at once', async () => {
    const person = h.adult();
    const res = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: person.fin,
      roles: [{ module: 'civil-registry', role: 'staff' }],
      reason: 'Registrar of the Nasimi district office',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<StaffView>()).toMatchObject({
      fin: person.fin,
      name: `${person.firstName} ${person.lastName}`,
      roles: [
        { member: MEMBER, module: 'civil-registry', role: 'staff', grantedBy: `staff:${head.fin}` },
      ],
    });
    const list = await head.browser.get(`/api/agencies/${MEMBER}/staff`);
    expect(list.statusCode).toBe(200);
    expect(list.json<StaffView[]>().map((s) => s.fin)).toEqual([head.fin, person.fin]);

    const staff = await as(person.fin, 'low');
    const mine = await staff.browser.get('/api/me/roles');
    expect(mine.json()).toEqual([
      expect.objectContaining({ member: MEMBER, module: 'civil-registry', role: 'staff' }),
    ]);
    const me = await staff.browser.get('/api/me');
    expect(me.json()).toMatchObject({
      roles: [{ member: MEMBER, module: 'civil-registry', role: 'staff' }],
    });
    // The population register was asked with the purpose staff-registration.
    const accesses = await h.test.platform.exchange.admin.accessesForSubject(person.fin, {
      limit: 10,
    });
    expect(accesses.map((a) => a.purpose)).toContain('staff-registration');
    expect(await audit('identity.staff-invite')).toContainEqual(
      expect.objectContaining({
        actor: `staff:${head.fin}`,
        subject_fin: person.fin,
        outcome: 'success',
      }),
    );
  });

  it('IAM-004-7.1.1: staff work needs acr high: the head with a password login is refused (403 assurance-too-low) and nothing changes', async () => {
    const weakHead = await as(head.fin, 'low');
    const before = await roleRows();
    const invite = await weakHead.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: h.adult().fin,
      roles: [{ module: 'portal', role: 'staff' }],
    });
    expect(invite.statusCode).toBe(403);
    expect(invite.json()).toMatchObject({ type: 'identity/assurance-too-low' });
    const list = await weakHead.browser.get(`/api/agencies/${MEMBER}/staff`);
    expect(list.statusCode).toBe(403);
    expect(list.json()).toMatchObject({ type: 'identity/assurance-too-low' });
    expect(await roleRows()).toBe(before);
  });

  it('IAM-004-5.2c: refusals — a stranger, a staff member, a head of another agency, a head giving a head or operator role, an unknown FİN, a person already on the staff; nothing changes', async () => {
    const before = await roleRows();
    const target = h.adult().fin;
    const invite = { fin: target, roles: [{ module: 'portal', role: 'staff' }] };

    const stranger = await as(h.adult().fin);
    const s1 = await stranger.browser.post(`/api/agencies/${MEMBER}/staff`, invite);
    expect(s1.statusCode).toBe(403);
    expect(s1.json()).toMatchObject({ type: 'platform/forbidden' });
    const s2 = await stranger.browser.get(`/api/agencies/${MEMBER}/staff`);
    expect(s2.statusCode).toBe(403);

    const otherAgency = await head.browser.post('/api/agencies/internal-affairs/staff', invite);
    expect(otherAgency.statusCode).toBe(403);
    expect(otherAgency.json()).toMatchObject({ type: 'platform/forbidden' });

    const headRole = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: target,
      roles: [{ module: '*', role: 'head' }],
    });
    expect(headRole.statusCode).toBe(403);
    const operatorRole = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: target,
      roles: [{ module: 'exchange', role: 'operator' }],
    });
    expect(operatorRole.statusCode).toBe(422);
    expect(operatorRole.json()).toMatchObject({
      type: 'identity/role-not-allowed',
      errors: [{ pointer: '#/roles/0' }],
    });
    const staffOnStar = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: target,
      roles: [{ module: '*', role: 'staff' }],
    });
    expect(staffOnStar.statusCode).toBe(422);

    const unknown = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      ...invite,
      fin: '0000000',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ type: 'identity/person-not-found' });

    const already = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: head.fin,
      roles: [{ module: 'portal', role: 'staff' }],
    });
    expect(already.statusCode).toBe(409);
    expect(already.json()).toMatchObject({ type: 'identity/already-staff' });

    const badFin = await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      ...invite,
      fin: 'abc',
    });
    expect(badFin.statusCode).toBe(400);

    // A staff member (not head) cannot manage the staff.
    const staffFin = h.adult().fin;
    await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: staffFin,
      roles: [{ module: 'portal', role: 'staff' }],
    });
    const staff = await as(staffFin);
    const byStaff = await staff.browser.post(`/api/agencies/${MEMBER}/staff`, invite);
    expect(byStaff.statusCode).toBe(403);
    expect(await roleRows()).toBe(before + 1);
    expect(
      (await audit('identity.staff-invite')).filter((e) => e.outcome === 'refused').length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('IAM-004-5.2c: changeStaffRoles and revokeStaffRole keep the full history: who, when, why', async () => {
    const person = h.adult().fin;
    await head.browser.post(`/api/agencies/${MEMBER}/staff`, {
      fin: person,
      roles: [{ module: 'civil-registry', role: 'staff' }],
    });
    const changed = await head.browser.request({
      method: 'PUT',
      url: `/api/agencies/${MEMBER}/staff/${person}/roles`,
      payload: {
        roles: [
          { module: 'civil-registry', role: 'staff' },
          { module: 'portal', role: 'staff' },
        ],
        reason: 'Also answers correspondence',
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<StaffView>().roles.map((r) => r.module)).toEqual([
      'civil-registry',
      'portal',
    ]);

    const portalRole = changed.json<StaffView>().roles.find((r) => r.module === 'portal');
    const revoke = await head.browser.post(
      `/api/agencies/${MEMBER}/roles/${portalRole?.id ?? ''}/revoke`,
      { reason: 'Moved to another office' },
    );
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({
      revokedBy: `staff:${head.fin}`,
      revokeReason: 'Moved to another office',
      revokedAt: expect.any(String) as unknown,
    });
    const again = await head.browser.post(
      `/api/agencies/${MEMBER}/roles/${portalRole?.id ?? ''}/revoke`,
      { reason: 'Moved to another office' },
    );
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ type: 'identity/role-not-found' });

    const cleared = await head.browser.request({
      method: 'PUT',
      url: `/api/agencies/${MEMBER}/staff/${person}/roles`,
      payload: { roles: [], reason: 'Left the ministry' },
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<StaffView>().roles).toEqual([]);

    const current = await head.browser.get(`/api/agencies/${MEMBER}/staff`);
    expect(current.json<StaffView[]>().some((s) => s.fin === person)).toBe(false);
    const history = await head.browser.get(`/api/agencies/${MEMBER}/staff?history=true`);
    const record = history.json<StaffView[]>().find((s) => s.fin === person);
    expect(record?.roles.map((r) => [r.module, r.revokeReason])).toEqual([
      ['civil-registry', 'Left the ministry'],
      ['portal', 'Moved to another office'],
    ]);
    const notStaff = await head.browser.request({
      method: 'PUT',
      url: `/api/agencies/${MEMBER}/staff/${person}/roles`,
      payload: { roles: [{ module: 'portal', role: 'staff' }], reason: 'Came back' },
    });
    expect(notStaff.statusCode).toBe(404);
    expect(notStaff.json()).toMatchObject({ type: 'identity/not-staff' });

    // The head cannot revoke a head role (their own included); the operator can.
    const headRole = history
      .json<StaffView[]>()
      .find((s) => s.fin === head.fin)
      ?.roles.find((r) => r.role === 'head');
    const own = await head.browser.post(
      `/api/agencies/${MEMBER}/roles/${headRole?.id ?? ''}/revoke`,
      { reason: 'resigning' },
    );
    expect(own.statusCode).toBe(403);
    expect(
      (await audit('identity.staff-role-revoke')).filter((e) => e.outcome === 'success'),
    ).toHaveLength(2);
  });

  it('IAM-001-2.13: operator-only exchange operations are refused without the operator role and allowed with it', async () => {
    const none = await new TestBrowser(h.app).get('/api/exchange/members');
    expect(none.statusCode).toBe(401);
    const citizen = await as(h.adult().fin);
    const byCitizen = await citizen.browser.get('/api/exchange/members');
    expect(byCitizen.statusCode).toBe(403);
    expect(byCitizen.json()).toMatchObject({ type: 'platform/forbidden' });
    const byHead = await head.browser.get('/api/exchange/monitoring');
    expect(byHead.statusCode).toBe(403);
    const weak = await as(operator.fin, 'low');
    const byWeak = await weak.browser.get('/api/exchange/members');
    expect(byWeak.statusCode).toBe(403);
    expect(byWeak.json()).toMatchObject({ type: 'identity/assurance-too-low' });

    const member = {
      code: 'health',
      nameAz: 'Səhiyyə Nazirliyi',
      nameEn: 'Ministry of Health',
      legalForm: 'state-body',
    };
    const refused = await citizen.browser.post('/api/exchange/members', member);
    expect(refused.statusCode).toBe(403);
    const members = await h.test.platform.exchange.admin.listMembers();
    expect(members.some((m) => m.code === 'health')).toBe(false);
    expect(await audit('identity.role-check')).toContainEqual(
      expect.objectContaining({ actor: `citizen:${citizen.fin}`, outcome: 'refused' }),
    );

    const ok = await operator.browser.get('/api/exchange/members');
    expect(ok.statusCode).toBe(200);
    const created = await operator.browser.post('/api/exchange/members', member);
    expect(created.statusCode).toBe(201);
    const registered = await sql<{ actor: string }>`
      SELECT actor FROM audit.entry WHERE resource = 'member:health' ORDER BY seq LIMIT 1`.execute(
      db(),
    );
    expect(registered.rows[0]?.actor).toBe(`operator:${operator.fin}`);
    const metrics = await operator.browser.get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect((await citizen.browser.get('/metrics')).statusCode).toBe(403);
  });

  it('IAM-004-6.2.6: an operator suspends an account (sessions end, no new login) and reinstates it; refusals change nothing', async () => {
    const person = h.adult().fin;
    const victim = await as(person);
    expect((await victim.browser.get('/api/me/roles')).statusCode).toBe(200);

    const byCitizen = await (
      await as(h.adult().fin)
    ).browser.post(`/api/accounts/${person}/suspend`, { reason: 'flooding the exchange' });
    expect(byCitizen.statusCode).toBe(403);
    expect((await victim.browser.get('/api/me/roles')).statusCode).toBe(200);

    const unknown = await operator.browser.post('/api/accounts/0000000/suspend', {
      reason: 'no such account',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'identity/account-not-found' });
    const self = await operator.browser.post(`/api/accounts/${operator.fin}/suspend`, {
      reason: 'oops',
    });
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ type: 'identity/not-on-yourself' });

    const res = await operator.browser.post(`/api/accounts/${person}/suspend`, {
      reason: 'Automated scraping of the exchange (incident 2025-17)',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      fin: person,
      status: 'suspended',
      history: [{ suspendedBy: `operator:${operator.fin}`, liftedAt: null }],
    });
    const ended = await victim.browser.get('/api/me/roles');
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ type: 'identity/session-expired' });
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const accountId = await identity.ensureAccountForFin(person);
    await expect(
      identity.startSession(
        accountId,
        { acr: 'high', amr: ['x509'] },
        { ip: '127.0.0.1', userAgent: undefined },
      ),
    ).rejects.toMatchObject({ type: 'identity/account-suspended' });
    const twice = await operator.browser.post(`/api/accounts/${person}/suspend`, {
      reason: 'again',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: 'identity/already-suspended' });

    const back = await operator.browser.post(`/api/accounts/${person}/reinstate`, {
      reason: 'Incident closed',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({
      status: 'active',
      history: [{ liftReason: 'Incident closed', liftedBy: `operator:${operator.fin}` }],
    });
    const notSuspended = await operator.browser.post(`/api/accounts/${person}/reinstate`, {
      reason: 'again',
    });
    expect(notSuspended.statusCode).toBe(409);
    expect(notSuspended.json()).toMatchObject({ type: 'identity/not-suspended' });
    expect((await as(person)).fin).toBe(person);
    expect((await audit('identity.account-suspend')).map((e) => e.outcome)).toEqual([
      'refused',
      'success',
    ]);
    expect(await audit('identity.account-reinstate')).toEqual([
      expect.objectContaining({ actor: `operator:${operator.fin}`, subject_fin: person }),
    ]);
  });

  it('IAM-004-5.2c: an operator cannot revoke their own operator role (another operator must)', async () => {
    const roles = await operator.browser.get('/api/me/roles');
    const own = roles
      .json<{ id: string; module: string; member: string }[]>()
      .find((r) => r.module === 'exchange');
    const res = await operator.browser.post(
      `/api/agencies/digital-development-transport/roles/${own?.id ?? ''}/revoke`,
      { reason: 'stepping down' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: 'identity/not-on-yourself' });
    expect((await operator.browser.get('/api/exchange/members')).statusCode).toBe(200);
  });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/ehis.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: new URL('../../', import.meta.url),
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('npm run ehis -- bootstrap-operator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ehis-cli-'));
  const env = { NODE_ENV: 'test', EHIS_DATA_DIR: dir, EHIS_DEMO: 'true', LOG_LEVEL: 'warn' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('IAM-004-5.2c: makes a person of the register an operator (audited as system:cli), idempotent; refuses an unknown or malformed FİN', async () => {
    const config = loadConfig(env);
    let platform = await startPlatform(config, { logger: silentLogger() });
    await seedPopulation(platform.db, { persons: 10, seed: 4, clock: platform.clock });
    const people = await sql<{ fin: string }>`
      SELECT fin FROM population.person WHERE death_date IS NULL ORDER BY fin LIMIT 1`.execute(
      platform.db.kysely,
    );
    await platform.close();
    const fin = people.rows[0]?.fin ?? '';

    const first = await run(['bootstrap-operator', '--fin', fin], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain(`${fin} is now an operator (exchange, registry)`);
    const second = await run(['bootstrap-operator', '--fin', fin], env);
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toContain('already is an operator');
    const unknown = await run(['bootstrap-operator', '--fin', '0000000'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('identity/person-not-found');
    const malformed = await run(['bootstrap-operator', '--fin', 'nope'], env);
    expect(malformed.code).toBe(1);

    platform = await startPlatform(config, { logger: silentLogger() });
    try {
      const roles = await sql<{ module: string; granted_by: string }>`
        SELECT module, granted_by FROM identity.staff_role WHERE fin = ${fin} ORDER BY module`.execute(
        platform.db.kysely,
      );
      expect(roles.rows).toEqual([
        { module: 'exchange', granted_by: 'system:cli' },
        { module: 'registry', granted_by: 'system:cli' },
      ]);
    } finally {
      await platform.close();
    }
  }, 120_000);
});
