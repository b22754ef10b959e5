// npm run ehis -- issue-certificate --fin <FİN> --out <file.p12> [--password-file <f>] [--valid-days N]
// The registration authority's tool: a person's e-signature certificate from the platform CA,
// with a fresh key, in a password-protected PKCS#12 file. The key is written to the file and
// nowhere else (IAM-003-13.2); the FİN must name a living person in the population register.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { attachAgencies } from '../agencies/agencies.ts';
import { createCertificateService } from '../identity/certificates/index.ts';
import { createIdentity } from '../identity/index.ts';
import type { Platform } from '../platform/platform.ts';
import { failCli } from './cli-support.ts';

export interface IssueCertificateOptions {
  readonly fin: string | undefined;
  readonly out: string | undefined;
  readonly passwordFile: string | undefined;
  readonly validDays: string | undefined;
}

export async function issueCertificateCommand(
  platform: Platform,
  options: IssueCertificateOptions,
): Promise<number> {
  const fin = options.fin ?? failCli('--fin is required (see --help)');
  if (!/^[0-9A-HJ-NP-Z]{7}$/.test(fin))
    failCli('--fin must be a FİN: 7 digits and capital letters');
  const out = resolve(options.out ?? failCli('--out is required (see --help)'));
  const validDays = options.validDays === undefined ? undefined : Number(options.validDays);
  if (validDays !== undefined && (!Number.isInteger(validDays) || validDays < 1)) {
    failCli('--valid-days must be a whole number of days');
  }
  let password: string | undefined;
  if (options.passwordFile !== undefined) {
    password = (await readFile(options.passwordFile, 'utf8')).replace(/\r?\n$/, '');
    if (!/^[\x20-\x7e]{8,128}$/.test(password)) {
      failCli('the password must be 8 to 128 printable ASCII characters');
    }
  }
  // Refuse an existing file before issuing: a certificate nobody receives should not exist.
  if (existsSync(out)) failCli(`${out} already exists`);
  const agencies = await attachAgencies(platform);
  const certificates = createCertificateService(
    platform,
    createIdentity(platform, agencies.portalClient),
    agencies.portalClient,
  );
  const issued = await certificates.issue({
    fin,
    channel: 'cli',
    actor: `operator:cli:${userInfo().username}`,
    password,
    validDays,
  });
  if (issued === undefined) {
    failCli(`${fin} is not a living person in the population register; nothing was issued`);
  }
  try {
    await writeFile(out, issued.p12, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // The certificate exists but its key is lost with this process: revoke it at once.
    await certificates.revoke(
      fin,
      issued.certificate.serial,
      'cessation-of-operation',
      'system:cli',
    );
    failCli(`cannot write ${out}: ${(error as Error).message}; the certificate was revoked`);
  }
  const c = issued.certificate;
  process.stdout.write(
    [
      `issued certificate ${c.serial} for ${c.subject}`,
      `  valid ${c.notBefore.toISOString()} … ${c.notAfter.toISOString()}`,
      `  SHA-256 ${c.fingerprintSha256}`,
      `  written to ${out} (mode 0600)`,
      password === undefined
        ? `  password (shown once, not stored anywhere): ${issued.password}`
        : `  password: the one in ${options.passwordFile ?? ''}`,
      '',
    ].join('\n'),
  );
  return 0;
}
