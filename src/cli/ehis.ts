// npm run ehis -- <area> <command> [options] — administration from the command line.
// It opens the configured database directly: with the embedded PGlite, stop the server first
// (one process owns the data folder) or use the API; with PostgreSQL it runs beside the servers.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { startPlatform, type Platform } from '../platform/platform.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { failCli, loadCliConfig } from './cli-support.ts';
import { attachAgencies } from '../agencies/agencies.ts';
import { bootstrapOperator } from '../identity/staff/index.ts';
import { issueCertificateCommand } from './issue-certificate.ts';
import { registrySeedCommand } from './registry-seed.ts';

const USAGE = `Usage: npm run ehis -- exchange <command> [options]

  members                                   list members, subsystems and status
  register-member <code> --name-az T --name-en T [--legal-form F]
  suspend <member> --reason T               restrict a member's access (EHIS-001-5.3)
  reinstate <member> --reason T
  services                                  list published services
  legal-acts                                list the legal-basis catalogue
  grants [--client m/s] [--service m/s/svc] [--active true|false]
  grant --client m/s --service m/s/svc --legal-act ID --purpose P[,P…] [--article A] [--until ISO-DATE]
  revoke-grant <grant-id> --reason T
  monitoring [--window 5m|1h|24h|7d]
  verify-log                                verify the message log's hash chain (exit 2 if tampered)

       npm run ehis -- bootstrap-operator --fin <FİN>
                                            make a person an operator of the exchange and the
                                            registry (checked with the population register;
                                            idempotent; audited as system:cli)

       npm run ehis -- issue-certificate --fin <FİN> --out <file.p12> [--password-file <f>] [--valid-days N]
                                            a person's e-signature certificate and new key in a
                                            PKCS#12 file; prints a generated password once

       npm run ehis -- registry seed-catalog
                                            register the seed-002 services through the registry's
                                            application flow (demo mode; idempotent)
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'name-az': { type: 'string' },
    'name-en': { type: 'string' },
    'legal-form': { type: 'string' },
    reason: { type: 'string' },
    client: { type: 'string' },
    service: { type: 'string' },
    active: { type: 'string' },
    'legal-act': { type: 'string' },
    article: { type: 'string' },
    purpose: { type: 'string' },
    until: { type: 'string' },
    window: { type: 'string' },
    fin: { type: 'string' },
    out: { type: 'string' },
    'password-file': { type: 'string' },
    'valid-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [area, command, argument] = positionals;
if (
  values.help === true ||
  (area !== 'bootstrap-operator' &&
    area !== 'issue-certificate' &&
    !(area === 'registry' && command === 'seed-catalog') &&
    (area !== 'exchange' || command === undefined))
) {
  process.stdout.write(USAGE);
  process.exit(values.help === true ? 0 : 1);
}

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') failCli(`--${name} is required (see --help)`);
  return value;
}

function split(ref: string, parts: number, what: string): string[] {
  const pieces = ref.split('/');
  if (pieces.length !== parts || pieces.some((p) => p === ''))
    failCli(
      `${what} must look like ${parts === 2 ? 'member/subsystem' : 'member/subsystem/service'}`,
    );
  return pieces;
}

const print = (value: unknown): void =>
  void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** bootstrap-operator: the first operator (IAM-004-5.2c), before anyone can log in as one. */
async function bootstrap(platform: Platform): Promise<number> {
  const fin = required('fin');
  if (!/^[0-9A-HJ-NP-Z]{7}$/.test(fin))
    failCli('--fin must be a FİN: 7 digits and capital letters');
  const agencies = await attachAgencies(platform);
  const granted = await bootstrapOperator(platform, agencies.portalClient, fin);
  process.stdout.write(
    granted.length === 0
      ? `${fin} already is an operator; nothing changed\n`
      : `${fin} is now an operator (${granted.map((r) => r.module).join(', ')}); log in with a certificate or mobile signature\n`,
  );
  return 0;
}

async function run(platform: Platform): Promise<number> {
  if (area === 'bootstrap-operator') return bootstrap(platform);
  if (area === 'registry') return registrySeedCommand(platform);
  if (area === 'issue-certificate') {
    return issueCertificateCommand(platform, {
      fin: values.fin,
      out: values.out,
      passwordFile: values['password-file'],
      validDays: values['valid-days'],
    });
  }
  const { admin, messageLog } = platform.exchange;
  const actor = `operator:cli:${userInfo().username}`;
  switch (command) {
    case 'members':
      print(await admin.listMembers());
      return 0;
    case 'register-member':
      print(
        await admin.registerMember(
          {
            code: argument ?? failCli('the member code is required'),
            nameAz: required('name-az'),
            nameEn: required('name-en'),
            legalForm: values['legal-form'] ?? 'state-body',
          },
          actor,
        ),
      );
      return 0;
    case 'suspend':
    case 'reinstate':
      print(
        await admin.setMemberStatus(
          argument ?? failCli('the member code is required'),
          command === 'suspend' ? 'suspended' : 'active',
          required('reason'),
          actor,
        ),
      );
      return 0;
    case 'services':
      print(
        (await admin.listServices()).map(
          ({ requestSchema: _q, responseSchema: _r, ...service }) => service,
        ),
      );
      return 0;
    case 'legal-acts':
      print(await admin.listLegalActs());
      return 0;
    case 'grants':
      print(
        await admin.listAccessGrants({
          client: values.client,
          service: values.service,
          active: values.active === undefined ? undefined : values.active === 'true',
        }),
      );
      return 0;
    case 'grant': {
      const [clientMember = '', clientSubsystem = ''] = split(required('client'), 2, '--client');
      const [providerMember = '', providerSubsystem = '', service = ''] = split(
        required('service'),
        3,
        '--service',
      );
      print(
        await admin.createAccessGrant(
          {
            clientMember,
            clientSubsystem,
            providerMember,
            providerSubsystem,
            service,
            legalActId: required('legal-act'),
            ...(values.article === undefined ? {} : { legalArticle: values.article }),
            purposes: required('purpose').split(','),
            ...(values.until === undefined
              ? {}
              : { validUntil: new Date(values.until).toISOString() }),
          },
          actor,
        ),
      );
      return 0;
    }
    case 'revoke-grant':
      print(
        await admin.revokeAccessGrant(
          argument ?? failCli('the grant id is required'),
          required('reason'),
          actor,
        ),
      );
      return 0;
    case 'monitoring':
      print(await admin.monitoring(values.window ?? '1h'));
      return 0;
    case 'verify-log': {
      const result = await messageLog.verify((checked) =>
        process.stderr.write(`\rchecked ${checked.toLocaleString('en')} messages…`),
      );
      process.stderr.write('\n');
      print(result);
      return result.ok ? 0 : 2;
    }
    case undefined:
    default:
      process.stdout.write(USAGE);
      return 1;
  }
}

const config = loadCliConfig();
let exitCode = 1;
try {
  const platform = await startPlatform(config, { logger: createLogger('warn') });
  try {
    exitCode = await run(platform);
  } finally {
    await platform.close();
  }
} catch (error) {
  if (error instanceof AppError)
    failCli(
      `${error.type}: ${error.titleIn('en')}${error.errors === undefined ? '' : ` ${JSON.stringify(error.errors)}`}`,
    );
  failCli(error instanceof Error ? error.message : String(error));
}
process.exit(exitCode);
