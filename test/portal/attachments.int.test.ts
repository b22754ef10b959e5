import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, createStaff } from '../../src/identity/index.ts';
import { createAttachments, type AttachmentService } from '../../src/portal/attachments/index.ts';
import { SEED_ACTOR } from '../../src/registry/index.ts';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type DemoPersonView,
  type IdentityHarness,
} from '../support/identity.ts';
import { signInAs, type SignedInBrowser } from '../support/operator.ts';

const MB = 1024 * 1024;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'),
  Buffer.alloc(2000, 0x20),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;');

interface Uploaded {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

describe('attachments (issue 6 item 4; POR-003-7.1.2a, POR-003-A1-2.6.2)', () => {
  let h: IdentityHarness;
  let citizen: SignedInBrowser;
  let other: SignedInBrowser;
  let clerk: SignedInBrowser;
  let foreignClerk: SignedInBrowser;
  let clerkLow: SignedInBrowser;
  let attachments: AttachmentService;
  let filesDir: string;

  const db = () => h.test.platform.db.kysely;
  async function rows(): Promise<number> {
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM attachments.attachment`.execute(db());
    return r.rows[0]?.n ?? -1;
  }
  /** Every file in the store, temporary ones included. */
  function storedFiles(): string[] {
    return readdirSync(filesDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  }
  async function audits(action: string, outcome: string): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit.entry
      WHERE action = ${action} AND outcome = ${outcome}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }
  function upload(
    browser: TestBrowser,
    body: Buffer | Readable,
    fileName = 'sənəd.pdf',
    contentType = 'application/octet-stream',
  ) {
    return browser.request({
      method: 'POST',
      url: `/api/attachments?fileName=${encodeURIComponent(fileName)}`,
      payload: body,
      headers: { 'content-type': contentType },
    });
  }
  async function expectNothingChanged(before: { rows: number; files: string[] }): Promise<void> {
    expect(await rows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
  }
  async function snapshot() {
    return { rows: await rows(), files: storedFiles() };
  }

  beforeAll(async () => {
    h = await createIdentityHarness();
    filesDir = join(h.test.config.dataDir, 'files');
    const portal = h.agencies.portalClient;
    const fins = { citizen: h.adult().fin, other: h.adult().fin, clerk: h.adult().fin };
    const foreign = h.adult().fin;
    const staff = createStaff(
      h.test.platform,
      createIdentity(h.test.platform, portal).sessions,
      portal,
    );
    await staff.grantBySystem(
      fins.clerk,
      'health',
      { module: 'portal', role: 'staff' },
      {
        actor: SEED_ACTOR,
        reason: 'test',
      },
    );
    await staff.grantBySystem(
      foreign,
      'justice',
      { module: 'portal', role: 'staff' },
      {
        actor: SEED_ACTOR,
        reason: 'test',
      },
    );
    citizen = await signInAs(h.test.platform, h.app, portal, fins.citizen, 'low');
    other = await signInAs(h.test.platform, h.app, portal, fins.other, 'low');
    clerk = await signInAs(h.test.platform, h.app, portal, fins.clerk, 'high');
    clerkLow = await signInAs(h.test.platform, h.app, portal, fins.clerk, 'low');
    foreignClerk = await signInAs(h.test.platform, h.app, portal, foreign, 'high');
    // The request engine's view of the same module (claimForRequest).
    attachments = createAttachments(h.test.platform, staff);
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('POR-003-A1-2.6.2: a PDF is stored with its SHA-256, whatever the declared type; the owner downloads the same bytes', async () => {
    const res = await upload(citizen.browser, PDF, 'Diplom – əlavə.pdf', 'image/png');
    expect(res.statusCode).toBe(201);
    const body = res.json<Uploaded>();
    expect(body).toMatchObject({
      fileName: 'Diplom – əlavə.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const down = await citizen.browser.get(`/api/attachments/${body.attachmentId}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain(
      "filename*=UTF-8''Diplom%20%E2%80%93%20%C9%99lav%C9%99.pdf",
    );
    expect(down.rawPayload.equals(PDF)).toBe(true);
    const list = await citizen.browser.get('/api/attachments');
    expect(list.json<{ attachmentId: string; submitted: boolean; subjectFin: string }[]>()).toEqual(
      [
        expect.objectContaining({
          attachmentId: body.attachmentId,
          submitted: false,
          subjectFin: citizen.fin,
        }),
      ],
    );
    expect(storedFiles().some((f) => f.endsWith(body.attachmentId))).toBe(false); // random keys
    expect(await audits('attachments.upload', 'success')).toBeGreaterThanOrEqual(1);
  });

  it('POR-003-A1-2.6.2: JPEG and PNG are recognised by content (even named .pdf), streamed without a length too', async () => {
    const jpeg = await upload(citizen.browser, JPEG, 'scan.pdf');
    expect(jpeg.statusCode).toBe(201);
    expect(jpeg.json<Uploaded>().contentType).toBe('image/jpeg');
    const png = await upload(
      citizen.browser,
      Readable.from([PNG.subarray(0, 3), PNG.subarray(3)]),
      'foto.png',
    );
    expect(png.statusCode).toBe(201);
    expect(png.json<Uploaded>()).toMatchObject({ contentType: 'image/png', size: PNG.length });
  });

  it('a file of another type is refused with 415 even when named .pdf and declared application/pdf; nothing is stored', async () => {
    const before = await snapshot();
    for (const bad of [
      GIF,
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('MZ\x90'),
    ]) {
      const res = await upload(citizen.browser, bad, 'arayış.pdf', 'application/pdf');
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ type: 'attachments/file-type-not-allowed', status: 415 });
    }
    await expectNothingChanged(before);
    expect(await audits('attachments.upload', 'refused')).toBeGreaterThanOrEqual(3);
  });

  it('a file over 10 MB is refused with 413, declared or streamed; nothing is stored', async () => {
    const before = await snapshot();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * MB)]);
    const declared = await upload(citizen.browser, big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({
      type: 'attachments/file-too-large',
      limitBytes: 10 * MB,
    });
    expect(declared.json<{ detail: string }>().detail).toContain('10 MB');
    // No Content-Length: counted while streaming, refused as the 10 MB pass.
    const chunks = function* () {
      yield PDF;
      for (let i = 0; i < 11; i += 1) yield Buffer.alloc(MB);
    };
    const streamed = await upload(citizen.browser, Readable.from(chunks()));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject({ type: 'attachments/file-too-large' });
    await expectNothingChanged(before);
    // Exactly 10 MB is allowed.
    const exact = await upload(
      citizen.browser,
      Buffer.concat([PDF, Buffer.alloc(10 * MB - PDF.length)]),
    );
    expect(exact.statusCode).toBe(201);
    expect(exact.json<Uploaded>().size).toBe(10 * MB);
    expect(
      (await citizen.browser.delete(`/api/attachments/${exact.json<Uploaded>().attachmentId}`))
        .statusCode,
    ).toBe(204);
  });

  it('over a real socket too: a 10 MB+ upload gets its 413 answer (connection closed), a good one its 201', async () => {
    const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const headers = {
      cookie: [...citizen.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': citizen.browser.cookies.get('ehis_csrf') ?? '',
      'content-type': 'application/octet-stream',
    };
    if (!citizen.browser.cookies.has('ehis_csrf')) {
      await citizen.browser.get('/api/auth/csrf');
      headers.cookie = [...citizen.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      headers['x-csrf-token'] = citizen.browser.cookies.get('ehis_csrf') ?? '';
    }
    const before = await snapshot();
    const big = await fetch(`${address}/api/attachments?fileName=big.pdf`, {
      method: 'POST',
      headers,
      body: Buffer.concat([PDF, Buffer.alloc(11 * MB)]),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ type: 'attachments/file-too-large' });
    await expectNothingChanged(before);
    // Chunked, no Content-Length: stopped while streaming.
    const chunked = await fetch(`${address}/api/attachments?fileName=big.pdf`, {
      method: 'POST',
      headers,
      body: Readable.toWeb(
        Readable.from(
          (function* () {
            yield PDF;
            for (let i = 0; i < 12; i += 1) yield Buffer.alloc(MB);
          })(),
        ),
      ) as ReadableStream,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    await expectNothingChanged(before);
    const good = await fetch(`${address}/api/attachments?fileName=ok.pdf`, {
      method: 'POST',
      headers,
      body: PDF,
    });
    expect(good.status).toBe(201);
  });

  it('the app body limit for JSON stays (1 MB): only the upload route takes 10 MB', async () => {
    const res = await citizen.browser.request({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: JSON.stringify({ language: 'az', channels: {}, pad: 'x'.repeat(2 * MB) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: 'platform/payload-too-large' });
  });

  it('an empty body, a path as the file name, no session or no CSRF token are refused; nothing is stored', async () => {
    const before = await snapshot();
    const empty = await upload(citizen.browser, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ type: 'attachments/file-empty' });
    const path = await upload(citizen.browser, PDF, '../../etc/passwd');
    expect(path.statusCode).toBe(400);
    expect(path.json()).toMatchObject({
      type: 'platform/validation',
      errors: [{ parameter: 'fileName' }],
    });
    const anonymous = await upload(new TestBrowser(h.app), PDF);
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await citizen.browser.request({
      method: 'POST',
      url: '/api/attachments?fileName=a.pdf',
      payload: PDF,
      headers: { 'content-type': 'application/pdf' },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    await expectNothingChanged(before);
  });

  it('another citizen can neither download nor delete the file (404); it stays', async () => {
    const id = (await upload(citizen.browser, PDF)).json<Uploaded>().attachmentId;
    const before = await snapshot();
    const read = await other.browser.get(`/api/attachments/${id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json()).toMatchObject({ type: 'attachments/not-found' });
    const del = await other.browser.delete(`/api/attachments/${id}`);
    expect(del.statusCode).toBe(404);
    await expectNothingChanged(before);
    expect((await other.browser.get('/api/attachments')).json()).toEqual([]);
    const bad = await citizen.browser.get('/api/attachments/not-a-uuid');
    expect(bad.statusCode).toBe(400);
  });

  it('the owner deletes a pending attachment: row and file are gone', async () => {
    const id = (await upload(citizen.browser, PNG, 'x.png')).json<Uploaded>().attachmentId;
    const before = await snapshot();
    const res = await citizen.browser.delete(`/api/attachments/${id}`);
    expect(res.statusCode).toBe(204);
    expect(await rows()).toBe(before.rows - 1);
    expect(storedFiles()).toHaveLength(before.files.length - 1);
    expect((await citizen.browser.get(`/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await citizen.browser.delete(`/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('POR-003-7.1.2a: once submitted with a request, the attachment cannot be deleted; the agency staff (acr high) reads it, other agencies and low sessions do not', async () => {
    const id = (await upload(citizen.browser, PDF, 'ərizə.pdf')).json<Uploaded>().attachmentId;
    const claimed = await attachments.claimForRequest({
      attachmentIds: [id],
      ownerAccountId: citizen.accountId,
      subjectFin: citizen.fin,
      requestId: 'REQ-1',
      agency: 'health',
    });
    expect(claimed[0]).toMatchObject({ id, requestId: 'REQ-1', submittedTo: 'health' });
    const before = await snapshot();
    const del = await citizen.browser.delete(`/api/attachments/${id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ type: 'attachments/already-submitted' });
    await expectNothingChanged(before);

    const staffRead = await clerk.browser.get(`/api/attachments/${id}`);
    expect(staffRead.statusCode).toBe(200);
    expect(staffRead.rawPayload.equals(PDF)).toBe(true);
    expect((await foreignClerk.browser.get(`/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await clerkLow.browser.get(`/api/attachments/${id}`)).statusCode).toBe(404);
    const audit = await sql<{ actor: string; subject_fin: string; purpose: string }>`
      SELECT actor, subject_fin, purpose FROM audit.entry
      WHERE action = 'attachments.read' AND outcome = 'success' AND resource = ${`attachment:${id}`}
      ORDER BY seq`.execute(db());
    expect(audit.rows).toEqual([
      { actor: `staff:${clerk.fin}`, subject_fin: citizen.fin, purpose: 'request:REQ-1' },
    ]);

    // A retried submission of the same request is fine; another request is refused with a pointer.
    await attachments.claimForRequest({
      attachmentIds: [id],
      ownerAccountId: citizen.accountId,
      requestId: 'REQ-1',
      agency: 'health',
    });
    await expect(
      attachments.claimForRequest({
        attachmentIds: [id],
        ownerAccountId: citizen.accountId,
        requestId: 'REQ-2',
        agency: 'health',
      }),
    ).rejects.toMatchObject({ type: 'attachments/already-submitted' });
    const otherId = (await upload(other.browser, PNG, 'y.png')).json<Uploaded>().attachmentId;
    await expect(
      attachments.claimForRequest({
        attachmentIds: [otherId],
        ownerAccountId: citizen.accountId,
        requestId: 'REQ-3',
        agency: 'health',
      }),
    ).rejects.toMatchObject({
      type: 'attachments/not-found',
      errors: [{ pointer: '/attachmentIds/0' }],
    });
  });

  it('at most 20 attachments may wait unsubmitted per account: the 21st is refused with 409 and nothing is stored', async () => {
    const fresh = await signInAs(
      h.test.platform,
      h.app,
      h.agencies.portalClient,
      h.adult().fin,
      'low',
    );
    for (let i = 0; i < 20; i += 1) {
      expect((await upload(fresh.browser, JPEG, `p${i}.jpg`)).statusCode).toBe(201);
    }
    const before = await snapshot();
    const res = await upload(fresh.browser, JPEG, 'p21.jpg');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: 'attachments/too-many-pending' });
    expect(res.json<{ detail: string }>().detail).toContain('20');
    await expectNothingChanged(before);
  });

  it('IAM-000-1.8a: a parent acting for a child uploads; the file concerns the child and the audit names both', async () => {
    const parent = h.person('parent', (p: DemoPersonView) => p.relations.minorChildren.length > 0);
    const childFin = parent.relations.minorChildren[0] ?? '';
    const browser = new TestBrowser(h.app);
    const login = await registerPerson(browser, parent);
    expect(
      (
        await browser.post('/api/auth/login', {
          username: login.username,
          password: login.password,
        })
      ).statusCode,
    ).toBe(200);
    expect((await browser.post('/api/me/acting-for', { fin: childFin })).statusCode).toBe(200);
    const res = await upload(browser, PDF, 'doğum.pdf');
    expect(res.statusCode).toBe(201);
    const id = res.json<Uploaded>().attachmentId;
    const list = await browser.get('/api/attachments');
    expect(list.json()).toEqual([
      expect.objectContaining({ attachmentId: id, subjectFin: childFin }),
    ]);
    const audit = await sql<{ actor: string; on_behalf_of: string; subject_fin: string }>`
      SELECT actor, on_behalf_of, subject_fin FROM audit.entry
      WHERE action = 'attachments.upload' AND resource LIKE ${`attachment:${id}:%`}`.execute(db());
    expect(audit.rows).toEqual([
      { actor: `citizen:${parent.fin}`, on_behalf_of: childFin, subject_fin: childFin },
    ]);
  });
});
