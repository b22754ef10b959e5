// Demo mode: an e-signature certificate for the demo operator, written to the data folder so a
// tester can log in with it at acr high (certificate tab) without issuing one first.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agencies } from '../agencies/agencies.ts';
import { createDemoDirectory } from '../platform/demo/index.ts';
import type { Platform } from '../platform/platform.ts';
import {
  createCertificateService,
  readPkcs12,
  type CertificateService,
} from './certificates/index.ts';
import { createIdentity } from './index.ts';

export interface DemoOperatorCertificate {
  /** The demo person who holds the certificate (and is the exchange operator in demo mode). */
  readonly fin: string;
  readonly p12Path: string;
  /** A file holding the PKCS#12 password (mode 0600). */
  readonly passwordPath: string;
  readonly serial: string;
  /** Whether this call issued a new certificate (false: the one on disk is still good). */
  readonly issued: boolean;
}

/**
 * The demo operator: the first adult with a valid ID card in the demo persons list (the list is
 * fixed by the seed, so every start of one data folder picks the same person). Undefined when
 * the population is not seeded.
 */
export async function demoOperatorFin(
  platform: Platform,
  agencies: Agencies,
): Promise<string | undefined> {
  const directory = createDemoDirectory({
    database: platform.db,
    population: agencies.population,
    civilRegistry: agencies.civilRegistry,
    clock: platform.clock,
  });
  const people = await directory.listDemoPersons();
  return people.find(
    (p) => p.tags.includes('adult') && !p.tags.includes('minor') && p.idCardStatus === 'valid',
  )?.fin;
}

/** The paths of the demo operator's files in a data folder. */
export function demoOperatorPaths(dataDir: string): { p12Path: string; passwordPath: string } {
  const dir = join(dataDir, 'demo');
  return { p12Path: join(dir, 'operator.p12'), passwordPath: join(dir, 'operator.p12.password') };
}

async function writePrivate(path: string, data: Uint8Array | string): Promise<void> {
  // Written aside and renamed, so a crash never leaves half a file that a later start trusts.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** The certificate on disk, if it opens with its password, is ours, names `fin` and is in force. */
async function usableOnDisk(
  platform: Platform,
  paths: { p12Path: string; passwordPath: string },
  fin: string,
): Promise<string | undefined> {
  try {
    const password = (await readFile(paths.passwordPath, 'utf8')).trim();
    const contents = readPkcs12(await readFile(paths.p12Path), password);
    const validation = await platform.ca.validateChain(contents.certificateDer);
    if (!validation.ok || validation.fin !== fin) return undefined;
    return new X509Certificate(contents.certificateDer).serialNumber.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Demo mode only: makes sure `<dataDir>/demo/operator.p12` holds a valid certificate of the demo
 * operator, with its random password in `operator.p12.password` (both mode 0600). Idempotent:
 * a certificate that still opens, validates and names the operator is kept; otherwise (first
 * start, expired, revoked, another person, a new CA) a new one is issued.
 */
export async function ensureDemoOperatorCertificate(options: {
  readonly platform: Platform;
  readonly agencies: Agencies;
  readonly certificates?: CertificateService | undefined;
}): Promise<DemoOperatorCertificate | undefined> {
  const { platform, agencies } = options;
  if (!platform.config.demo) return undefined;
  const fin = await demoOperatorFin(platform, agencies);
  if (fin === undefined) return undefined;
  const paths = demoOperatorPaths(platform.config.dataDir);
  const kept = await usableOnDisk(platform, paths, fin);
  if (kept !== undefined) return { fin, ...paths, serial: kept, issued: false };

  const certificates =
    options.certificates ??
    createCertificateService(
      platform,
      createIdentity(platform, agencies.portalClient),
      agencies.portalClient,
    );
  const result = await certificates.issue({
    fin,
    channel: 'demo-operator',
    actor: 'system:demo',
  });
  if (result === undefined) return undefined;
  await mkdir(join(platform.config.dataDir, 'demo'), { recursive: true, mode: 0o700 });
  await writePrivate(paths.passwordPath, `${result.password}\n`);
  await writePrivate(paths.p12Path, result.p12);
  return { fin, ...paths, serial: result.certificate.serial, issued: true };
}
