import type { webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Kysely, Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/platform/http/http.ts';
import type { Platform } from '../../src/platform/platform.ts';
import type { AuditTables } from '../../src/platform/audit/audit.store.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import type { BatchImportTables } from '../../src/exchange/batch-import.store.ts';
import type { ExchangeTables } from '../../src/exchange/exchange.store.ts';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_ROWS,
  signBatch,
  type BatchHandler,
} from '../../src/exchange/index.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';
import { joinExchange, OPERATOR } from '../support/exchange.ts';

const TARGET = { member: 'test-child-bank', subsystem: 'registry', service: 'child-record' };
const SERVICE = 'test-child-bank/registry/child-record';
const URL_PATH = `/exchange/v1/${SERVICE}/batch`;
const CLIENT = 'test-education/school-cabinet';
const PURPOSE = 'child-registry-update';
const STAFF_FIN = '7AB12CD';

/** The provider's own table (a schema of its own, as a module owns its schema). */
interface ChildTables {
  'childbank_test.child': {
    fin: string;
    school: string;
    grade: number;
    enrolled_on: string | null;
    batch_id: string;
    signer_fin: string;
  };
}

type Tables = BatchImportTables & ExchangeTables & AuditTables & ChildTables;

interface Signer {
  readonly privateKey: webcrypto.CryptoKey;
  readonly certificatePem: string;
  readonly serial: string;
}

/** The provider's batch handler: every row into its table, in the transaction given. */
const writeChildren: BatchHandler = async (batch, transaction) => {
  await transaction(async (trx: Transaction<ChildTables>) => {
    await trx
      .insertInto('childbank_test.child')
      .values(
        batch.rows.map((row) => ({
          fin: row.fin as string,
          school: row.school as string,
          grade: row.grade as number,
          enrolled_on: (row.enrolledOn as string | undefined) ?? null,
          batch_id: batch.batchId,
          signer_fin: batch.signer.fin,
        })),
      )
      .execute();
  });
};

describe('EHIS-004-4.4: signed batch upload for bodies that cannot exchange in real time', () => {
  let test: TestPlatform;
  let platform: Platform;
  let app: App;
  let clock: FixedClock;
  let staff: Signer;

  async function issue(
    profile: 'staff-signature' | 'person-signature',
    subject: { commonName: string; serialNumber: string; organization?: string },
  ): Promise<Signer> {
    const keys = await generateKeyPair('ES256', { extractable: true });
    const issued = await platform.ca.issueCertificate({
      profile,
      subject,
      publicKey: await exportJWK(keys.publicKey),
      validDays: 365,
    });
    return { privateKey: keys.privateKey, certificatePem: issued.pem, serial: issued.serial };
  }

  beforeEach(async () => {
    clock = new FixedClock('2026-11-23T10:00:00Z');
    test = await createTestPlatform({}, { clock });
    platform = test.platform;
    app = await buildApp(platform);
    const { admin } = platform.exchange;
    await admin.registerMember(
      {
        code: 'test-child-bank',
        nameAz: 'Uşaq hüquqları məlumat bankı',
        nameEn: 'Child-rights data bank',
        legalForm: 'state-body',
      },
      OPERATOR,
    );
    await admin.registerMember(
      {
        code: 'test-education',
        nameAz: 'Təhsil Nazirliyi',
        nameEn: 'Ministry of Education',
        legalForm: 'state-body',
      },
      OPERATOR,
    );
    await joinExchange(platform, 'test-child-bank', 'registry');
    await joinExchange(platform, 'test-education', 'school-cabinet');
    await admin.publishService(
      {
        ...TARGET,
        code: TARGET.service,
        version: 1,
        titleAz: 'Uşaq haqqında qeyd',
        titleEn: 'Child record',
        requestSchema: {
          type: 'object',
          required: ['fin', 'school', 'grade'],
          additionalProperties: false,
          properties: {
            fin: { type: 'string', pattern: '^[0-9A-Z]{7}$' },
            school: { type: 'string', minLength: 1, maxLength: 200 },
            grade: { type: 'integer', minimum: 1, maximum: 11 },
            enrolledOn: { type: 'string', format: 'date' },
          },
        },
        responseSchema: { type: 'object' },
        subjectIsPerson: true,
      },
      OPERATOR,
    );
    await admin.createAccessGrant(
      {
        clientMember: 'test-education',
        clientSubsystem: 'school-cabinet',
        providerMember: 'test-child-bank',
        providerSubsystem: 'registry',
        service: 'child-record',
        legalActId: 'cabinet-143-2006',
        purposes: [PURPOSE],
      },
      OPERATOR,
    );
    await platform.db.execScript(`
      CREATE SCHEMA childbank_test;
      CREATE TABLE childbank_test.child (
        fin text PRIMARY KEY, school text NOT NULL, grade integer NOT NULL, enrolled_on date,
        batch_id uuid NOT NULL, signer_fin text NOT NULL);`);
    platform.exchange.batches.provide(TARGET, writeChildren);
    staff = await issue('staff-signature', {
      commonName: 'Məmmədova Leyla',
      serialNumber: STAFF_FIN,
      organization: 'Təhsil Nazirliyi',
    });
  });
  afterEach(async () => {
    await app.close();
    await test.close();
  });

  const db = (): Kysely<Tables> => platform.db.typed<Tables>();

  async function upload(
    format: 'json' | 'csv',
    content: string,
    options: { signer?: Signer; client?: string; service?: string; signature?: string } = {},
  ) {
    const signature =
      options.signature ??
      (await signBatch(
        options.signer ?? staff,
        {
          client: options.client ?? CLIENT,
          service: options.service ?? SERVICE,
          purpose: PURPOSE,
          content,
        },
        clock.now(),
      ));
    return app.inject({
      method: 'POST',
      url: URL_PATH,
      headers: { 'accept-language': 'en' },
      payload: { format, content, signature },
    });
  }

  const children = async (): Promise<{ fin: string; grade: number }[]> =>
    db().selectFrom('childbank_test.child').select(['fin', 'grade']).orderBy('fin').execute();

  const rows = [
    { fin: '1AAA111', school: 'School 6, Bakı', grade: 3, enrolledOn: '2026-09-15' },
    { fin: '2BBB222', school: 'Gəncə lisey', grade: 11 },
  ];

  it('EHIS-004-4.4, EHIS-004-4.5: a JSON batch signed with a staff e-signature is imported; batch, signer, message log and audit recorded', async () => {
    const content = JSON.stringify(rows);
    const response = await upload('json', content);
    expect(response.statusCode, response.body).toBe(201);
    const imported = response.json<{ id: string; contentHash: string }>();
    expect(imported).toMatchObject({
      status: 'imported',
      client: CLIENT,
      service: SERVICE,
      rows: 2,
      signer: { fin: STAFF_FIN },
    });
    expect(await children()).toEqual([
      { fin: '1AAA111', grade: 3 },
      { fin: '2BBB222', grade: 11 },
    ]);
    const batch = await db()
      .selectFrom('exchange.batch_import')
      .selectAll()
      .where('id', '=', imported.id)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      client: CLIENT,
      service: SERVICE,
      format: 'json',
      status: 'imported',
      rows_total: 2,
      signer_fin: STAFF_FIN,
      signer_serial: staff.serial,
      purpose: PURPOSE,
      content_hash: imported.contentHash,
    });
    expect(batch.signer).toContain('Məmmədova Leyla');
    // The e-signature is kept as evidence (EHIS-004-4.5).
    expect(batch.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const logged = await db()
      .selectFrom('exchange.message')
      .select(['client', 'service', 'actor', 'purpose', 'legal_basis', 'outcome', 'request_hash'])
      .where('message_id', '=', imported.id)
      .execute();
    expect(logged).toEqual([
      {
        client: CLIENT,
        service: SERVICE,
        actor: `staff:${STAFF_FIN}`,
        purpose: PURPOSE,
        legal_basis: 'cabinet-143-2006',
        outcome: 'success',
        request_hash: imported.contentHash,
      },
    ]);
    expect(
      await db()
        .selectFrom('audit.entry')
        .select(['actor', 'resource', 'outcome'])
        .where('action', '=', 'exchange.batch.import')
        .execute(),
    ).toEqual([
      {
        actor: `staff:${STAFF_FIN}`,
        resource: `batch:${imported.id}:${CLIENT}:${SERVICE}`,
        outcome: 'success',
      },
    ]);
  });

  it('EHIS-004-4.4: a CSV batch: header row, quoted commas, text cells coerced to the contract types', async () => {
    const csv =
      'fin,school,grade,enrolledOn\r\n1AAA111,"School 6, Bakı",3,2026-09-15\r\n2BBB222,Gəncə lisey,11,\r\n';
    const response = await upload('csv', csv);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ rows: 2, status: 'imported' });
    expect(await children()).toEqual([
      { fin: '1AAA111', grade: 3 },
      { fin: '2BBB222', grade: 11 },
    ]);
    expect(
      await db().selectFrom('exchange.batch_import').select(['format', 'status']).execute(),
    ).toEqual([{ format: 'csv', status: 'imported' }]);
  });

  it('EHIS-004-4.4: one bad row → 400, nothing imported, every bad row listed with index, line and pointer', async () => {
    const csv = 'fin,school,grade\n1AAA111,School 6,3\nbad,School 7,12\n3CCC333,,4\n';
    const response = await upload('csv', csv);
    expect(response.statusCode).toBe(400);
    const problem = response.json<{
      type: string;
      invalidRows: number;
      rows: { index: number; line: number; errors: { pointer: string }[] }[];
      errors: { pointer: string; detail: string }[];
    }>();
    expect(problem.type).toBe('exchange/invalid-batch');
    expect(problem.invalidRows).toBe(2);
    expect(
      problem.rows.map((r) => ({
        index: r.index,
        line: r.line,
        pointers: r.errors.map((e) => e.pointer).sort(),
      })),
    ).toEqual([
      { index: 1, line: 3, pointers: ['#/fin', '#/grade'] },
      { index: 2, line: 4, pointers: ['#/school'] },
    ]);
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual([
      '#/rows/1/fin',
      '#/rows/1/grade',
      '#/rows/2/school',
    ]);
    expect(problem.errors[0]?.detail).toMatch(/^line 3: /);
    expect(await children()).toEqual([]);
    const recorded = await db()
      .selectFrom('exchange.batch_import')
      .select(['status', 'rows_total'])
      .execute();
    expect(recorded).toEqual([{ status: 'rejected', rows_total: 3 }]);

    // JSON: the same, by index.
    const json = await upload('json', JSON.stringify([rows[0], { ...rows[1], extra: true }]));
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({
      type: 'exchange/invalid-batch',
      rows: [{ index: 1, errors: [{ pointer: '#/extra' }] }],
    });
    expect(await children()).toEqual([]);
    // Corrected, the batch goes in.
    expect((await upload('json', JSON.stringify(rows))).statusCode).toBe(201);
  });

  it('EHIS-004-4.5: content changed after signing, or a signature for another service → 401 bad-signature', async () => {
    const content = JSON.stringify(rows);
    const signature = await signBatch(staff, {
      client: CLIENT,
      service: SERVICE,
      purpose: PURPOSE,
      content,
    });
    const tampered = await upload('json', content.replace('"grade":3', '"grade":4'), { signature });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ type: 'exchange/bad-signature' });
    const elsewhere = await upload('json', content, { service: 'test-child-bank/registry/other' });
    expect(elsewhere.json()).toMatchObject({ status: 401, type: 'exchange/bad-signature' });
    const notDetached = await app.inject({
      method: 'POST',
      url: URL_PATH,
      payload: { format: 'json', content, signature: 'abc.def.ghi' },
    });
    expect(notDetached.statusCode).toBe(400);
    expect(await children()).toEqual([]);
    // Refusals are in the message log too.
    const refused = await db()
      .selectFrom('exchange.message')
      .select(['outcome', 'error_type'])
      .where('service', '=', SERVICE)
      .execute();
    expect(refused).toEqual([
      { outcome: 'refused', error_type: 'exchange/bad-signature' },
      { outcome: 'refused', error_type: 'exchange/bad-signature' },
    ]);
  });

  it('EHIS-004-4.5: a citizen e-signature certificate is not a staff one → 401 certificate-rejected', async () => {
    const person = await issue('person-signature', {
      commonName: 'Əliyev Rəşad',
      serialNumber: '5ZK7Q2M',
    });
    const response = await upload('json', JSON.stringify(rows), { signer: person });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      type: 'exchange/certificate-rejected',
      detail: 'The certificate is not valid: wrong-profile.',
    });
  });

  it('EHIS-004-4.5: a revoked staff certificate → 401 certificate-rejected', async () => {
    await platform.ca.revoke(staff.serial, 'affiliation-changed');
    const response = await upload('json', JSON.stringify(rows));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      type: 'exchange/certificate-rejected',
      detail: 'The certificate is not valid: revoked.',
    });
    expect(await children()).toEqual([]);
  });

  it("EHIS-004-4.4: staff of another agency cannot enter data for this body's subsystem → 403", async () => {
    const outsider = await issue('staff-signature', {
      commonName: 'Həsənov Orxan',
      serialNumber: '9ZZ99ZZ',
      organization: 'Vergilər Nazirliyi',
    });
    const response = await upload('json', JSON.stringify(rows), { signer: outsider });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ type: 'exchange/signer-not-authorized' });
    // The member code works as the organization as well.
    const byCode = await issue('staff-signature', {
      commonName: 'Quliyeva Aynur',
      serialNumber: '8YY88YY',
      organization: 'test-education',
    });
    expect((await upload('json', JSON.stringify(rows), { signer: byCode })).statusCode).toBe(201);
  });

  it('EHIS-004-4.4: a client subsystem without a grant for the service → 403 no-legal-basis', async () => {
    await joinExchange(platform, 'test-education', 'exam-center');
    const response = await upload('json', JSON.stringify(rows), {
      client: 'test-education/exam-center',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ type: 'exchange/no-legal-basis' });
    expect(await children()).toEqual([]);
  });

  it('EHIS-004-4.4: the same content twice → 409, imported once', async () => {
    const content = JSON.stringify(rows);
    expect((await upload('json', content)).statusCode).toBe(201);
    clock.advance(60_000);
    const again = await upload('json', content);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'exchange/duplicate-batch' });
    expect(await children()).toHaveLength(2);
    expect(await db().selectFrom('exchange.batch_import').select('status').execute()).toEqual([
      { status: 'imported' },
    ]);
    // Concurrent uploads of the same content: the unique index lets one in.
    const other = JSON.stringify([{ fin: '4DDD444', school: 'School 1', grade: 1 }]);
    const statuses = (await Promise.all([upload('json', other), upload('json', other)]))
      .map((r) => r.statusCode)
      .sort();
    expect(statuses).toEqual([201, 409]);
    expect(await children()).toHaveLength(3);
  });

  it('EHIS-004-4.4: limits: content over 10 MiB → 413, over 50,000 rows → 400, with clear messages', async () => {
    const huge = await app.inject({
      method: 'POST',
      url: URL_PATH,
      headers: { 'accept-language': 'en' },
      payload: { format: 'csv', content: 'x'.repeat(MAX_BATCH_BYTES + 1), signature: 'aaaa..bbbb' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({
      type: 'exchange/batch-too-large',
      detail: `The batch content may not exceed ${MAX_BATCH_BYTES} bytes; split it into several batches.`,
    });
    const many = JSON.stringify(Array.from({ length: MAX_BATCH_ROWS + 1 }, () => rows[1]));
    const tooMany = await upload('json', many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      type: 'exchange/batch-too-many-rows',
      detail: `A batch may hold at most ${MAX_BATCH_ROWS} rows (${MAX_BATCH_ROWS + 1} sent); split it into several batches.`,
    });
  });

  it('EHIS-004-4.4: all or nothing: a provider failing inside its transaction leaves no row and no record', async () => {
    // Two rows with the same FİN: the second insert breaks the provider's primary key.
    const clash = JSON.stringify([rows[0], { ...rows[1], fin: '1AAA111' }]);
    const response = await upload('json', clash);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ type: 'exchange/provider-error' });
    expect(await children()).toEqual([]);
    expect(await db().selectFrom('exchange.batch_import').selectAll().execute()).toEqual([]);
    expect(
      await db()
        .selectFrom('exchange.message')
        .select(['outcome', 'error_type'])
        .where('service', '=', SERVICE)
        .execute(),
    ).toEqual([{ outcome: 'failed', error_type: 'exchange/provider-error' }]);
  });

  it('EHIS-004-4.4: a service whose provider takes no batches → 404 batch-not-supported', async () => {
    await platform.exchange.admin.publishService(
      {
        ...TARGET,
        code: 'other',
        version: 1,
        titleAz: 'Başqa',
        titleEn: 'Other',
        requestSchema: { type: 'object' },
        responseSchema: { type: 'object' },
        subjectIsPerson: false,
      },
      OPERATOR,
    );
    await platform.exchange.admin.createAccessGrant(
      {
        clientMember: 'test-education',
        clientSubsystem: 'school-cabinet',
        providerMember: 'test-child-bank',
        providerSubsystem: 'registry',
        service: 'other',
        legalActId: 'cabinet-143-2006',
        purposes: [PURPOSE],
      },
      OPERATOR,
    );
    const content = JSON.stringify(rows);
    const response = await app.inject({
      method: 'POST',
      url: '/exchange/v1/test-child-bank/registry/other/batch',
      payload: {
        format: 'json',
        content,
        signature: await signBatch(staff, {
          client: CLIENT,
          service: 'test-child-bank/registry/other',
          purpose: PURPOSE,
          content,
        }),
      },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'exchange/batch-not-supported' });
  });
});
