import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config/config.ts';
import { startPlatform, type Platform } from '../src/platform/platform.ts';
import type { Database } from '../src/platform/db/database.ts';
import type { ExchangeIdentity } from '../src/exchange/index.ts';

export const BENCH_SERVICE = 'internal-affairs/population/person-lookup';
const OPERATOR = 'operator:bench';

export interface BenchExchange {
  readonly platform: Platform;
  readonly identity: ExchangeIdentity;
  readonly privateJwk: JWK;
  readonly fins: readonly string[];
  /** The lookup the provider does, called directly (the baseline). */
  lookup(fin: string): Promise<unknown>;
  close(): Promise<void>;
}

function fin(i: number): string {
  return `${String(i % 10)}${(i + 46656).toString(36).toUpperCase().padStart(6, 'X').slice(-6)}`.slice(
    0,
    7,
  );
}

/**
 * A platform with one provider (a person lookup on an indexed table of 10,000 rows), one client
 * subsystem and a grant: what the exchange benchmarks measure against the bare lookup.
 */
export async function createBenchExchange(database: Database): Promise<BenchExchange> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ehis-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    EHIS_DATA_DIR: dataDir,
    EHIS_DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const platform = await startPlatform(config, { db: database, logger: pino({ level: 'silent' }) });
  await database.execScript(`
    CREATE SCHEMA IF NOT EXISTS bench;
    CREATE TABLE bench.person (fin text PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, birth_date date NOT NULL);`);
  const fins = Array.from({ length: 10_000 }, (_, i) => fin(i));
  const unique = [...new Set(fins)];
  const csv = unique
    .map((f, i) => `${f},Ad${i},Soyad${i},1980-01-${String((i % 28) + 1).padStart(2, '0')}`)
    .join('\n');
  await database.copyCsv('bench.person', ['fin', 'first_name', 'last_name', 'birth_date'], csv);
  const lookup = async (f: string): Promise<unknown> => {
    const result = await sql<{
      fin: string;
      first_name: string;
      last_name: string;
      birth_date: string;
    }>`
      SELECT fin, first_name, last_name, birth_date FROM bench.person WHERE fin = ${f}`.execute(
      database.kysely,
    );
    const row = result.rows[0];
    return row === undefined
      ? null
      : {
          fin: row.fin,
          firstName: row.first_name,
          lastName: row.last_name,
          birthDate: row.birth_date,
        };
  };

  const { admin, gateway } = platform.exchange;
  for (const code of ['internal-affairs', 'health']) {
    await admin.registerMember(
      { code, nameAz: code, nameEn: code, legalForm: 'state-body' },
      OPERATOR,
    );
  }
  const providerPair = await generateKeyPair('ES256', { extractable: true });
  await admin.registerSubsystem(
    {
      member: 'internal-affairs',
      code: 'population',
      name: 'Population',
      publicKeyJwk: await exportJWK(providerPair.publicKey),
    },
    OPERATOR,
  );
  const clientPair = await generateKeyPair('ES256', { extractable: true });
  const client = await admin.registerSubsystem(
    {
      member: 'health',
      code: 'e-health-card',
      name: 'E-health card',
      publicKeyJwk: await exportJWK(clientPair.publicKey),
    },
    OPERATOR,
  );
  await admin.publishService(
    {
      member: 'internal-affairs',
      subsystem: 'population',
      code: 'person-lookup',
      version: 1,
      titleAz: 'Şəxs',
      titleEn: 'Person',
      requestSchema: {
        type: 'object',
        required: ['fin'],
        additionalProperties: false,
        properties: { fin: { type: 'string', pattern: '^[0-9A-Z]{7}$' } },
      },
      responseSchema: {
        type: 'object',
        required: ['fin', 'firstName', 'lastName', 'birthDate'],
        properties: {
          fin: { type: 'string' },
          firstName: { type: 'string' },
          lastName: { type: 'string' },
          birthDate: { type: 'string', format: 'date' },
        },
      },
      subjectIsPerson: true,
    },
    OPERATOR,
  );
  gateway.provide(
    { member: 'internal-affairs', subsystem: 'population', service: 'person-lookup' },
    async (request) => lookup((request.body as { fin: string }).fin),
  );
  await admin.createAccessGrant(
    {
      clientMember: 'health',
      clientSubsystem: 'e-health-card',
      providerMember: 'internal-affairs',
      providerSubsystem: 'population',
      service: 'person-lookup',
      legalActId: 'cabinet-143-2006',
      purposes: ['benchmark'],
    },
    OPERATOR,
  );
  return {
    platform,
    identity: {
      member: 'health',
      subsystem: 'e-health-card',
      privateKey: clientPair.privateKey,
      certificateThumbprint: client.thumbprint,
    },
    privateJwk: await exportJWK(clientPair.privateKey),
    fins: unique,
    lookup,
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
