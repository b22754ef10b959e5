import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueCertificateCommand } from '../../src/cli/issue-certificate.ts';
import { readPkcs12 } from '../../src/identity/certificates/index.ts';
import { createIdentityHarness, type IdentityHarness } from '../support/identity.ts';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run ehis -- issue-certificate …` as a process; resolves with its exit code and output. */
async function cli(
  args: string[],
  dataDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['src/cli/ehis.ts', 'issue-certificate', ...args],
      { cwd: REPO, env: { ...process.env, EHIS_DATA_DIR: dataDir, NODE_ENV: 'development' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run ehis -- issue-certificate (the registration authority)', () => {
  let h: IdentityHarness;
  let dir: string;
  beforeAll(async () => {
    h = await createIdentityHarness({ persons: 60 });
    dir = mkdtempSync(join(tmpdir(), 'ehis-cli-cert-'));
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('IAM-002-LOGIN-5 IAM-003-13.2: writes a 0600 PKCS#12 file for a person in the register and prints the password once', async () => {
    const adult = h.adult();
    const out = join(dir, 'holder.p12');
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      const code = await issueCertificateCommand(h.test.platform, {
        fin: adult.fin,
        out,
        passwordFile: undefined,
        validDays: '30',
      });
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = printed.join('');
    const password = /password \(shown once, not stored anywhere\): (\S+)/.exec(text)?.[1] ?? '';
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const contents = readPkcs12(readFileSync(out), password);
    const validation = await h.test.platform.ca.validateChain(contents.certificateDer);
    expect(validation).toMatchObject({ ok: true, fin: adult.fin, profile: 'person-signature' });
    const row = await sql<{ channel: string; account_id: string | null }>`
      SELECT channel, account_id FROM identity.certificate WHERE fin = ${adult.fin}`.execute(
      h.test.platform.db.kysely,
    );
    expect(row.rows).toEqual([{ channel: 'cli', account_id: null }]);
    const audit = await sql<{ actor: string; outcome: string }>`
      SELECT actor, outcome FROM audit.entry
      WHERE action = 'identity.certificate-issue' AND subject_fin = ${adult.fin}`.execute(
      h.test.platform.db.kysely,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.actor).toMatch(/^operator:cli:/);
    expect(audit.rows[0]?.outcome).toBe('success');
  });

  it('takes the password from --password-file', async () => {
    const adult = h.adult();
    const out = join(dir, 'chosen.p12');
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, 'my chosen pass phrase\n');
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await issueCertificateCommand(h.test.platform, {
        fin: adult.fin,
        out,
        passwordFile,
        validDays: undefined,
      });
    } finally {
      spy.mockRestore();
    }
    expect(() => readPkcs12(readFileSync(out), 'my chosen pass phrase')).not.toThrow();
  });

  it('refuses a FİN that is not in the population register, and an existing file; writes nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ehis-cli-empty-'));
    try {
      const out = join(empty, 'nobody.p12');
      const unknown = await cli(['--fin', 'ZZZZZZ9', '--out', out], empty);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('ZZZZZZ9 is not a living person in the population register');
      expect(existsSync(out)).toBe(false);

      const taken = join(empty, 'taken.p12');
      writeFileSync(taken, 'x');
      const exists = await cli(['--fin', 'ZZZZZZ9', '--out', taken], empty);
      expect(exists.code).toBe(1);
      expect(exists.stderr).toContain('already exists');
      expect(readFileSync(taken, 'utf8')).toBe('x');

      const bad = await cli(['--fin', 'abc', '--out', out], empty);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--fin must be a FİN');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
