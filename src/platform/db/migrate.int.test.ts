import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';

describe('migrations', () => {
  let test: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    test = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ehis-migrations-'));
  });
  afterEach(async () => {
    await test.drop();
  });

  const modules = () => [{ module: 'sample', dir: pathToFileURL(`${dir}/`) }];

  it('applies each file once, in name order, and records it', async () => {
    writeFileSync(
      join(dir, '0001_create-thing.sql'),
      'CREATE SCHEMA sample; CREATE TABLE sample.thing (id int);',
    );
    writeFileSync(join(dir, '0002_add-name.sql'), 'ALTER TABLE sample.thing ADD COLUMN name text;');
    expect((await migrate(test.db, modules())).applied).toEqual([
      'sample/0001_create-thing.sql',
      'sample/0002_add-name.sql',
    ]);
    expect((await migrate(test.db, modules())).applied).toEqual([]);
    await sql`INSERT INTO sample.thing (id, name) VALUES (1, 'a')`.execute(test.db.kysely);
  });

  it('refuses to run when an applied migration was edited', async () => {
    writeFileSync(
      join(dir, '0001_create-thing.sql'),
      'CREATE SCHEMA sample; CREATE TABLE sample.thing (id int);',
    );
    await migrate(test.db, modules());
    writeFileSync(
      join(dir, '0001_create-thing.sql'),
      'CREATE SCHEMA sample; CREATE TABLE sample.thing (id bigint);',
    );
    await expect(migrate(test.db, modules())).rejects.toThrow(MigrationError);
  });

  it('a failing migration changes nothing and is not recorded', async () => {
    writeFileSync(
      join(dir, '0001_create-thing.sql'),
      'CREATE SCHEMA sample; CREATE TABLE sample.thing (id int); SELECT nope();',
    );
    await expect(migrate(test.db, modules())).rejects.toThrow();
    const exists = await sql<{
      t: string | null;
    }>`SELECT to_regclass('sample.thing')::text AS t`.execute(test.db.kysely);
    expect(exists.rows[0]?.t).toBeNull();
    writeFileSync(
      join(dir, '0001_create-thing.sql'),
      'CREATE SCHEMA sample; CREATE TABLE sample.thing (id int);',
    );
    expect((await migrate(test.db, modules())).applied).toHaveLength(1);
  });

  it('refuses badly named files', async () => {
    writeFileSync(join(dir, 'create.sql'), 'SELECT 1;');
    await expect(migrate(test.db, modules())).rejects.toThrow(/NNNN_verb-object/);
  });
});
