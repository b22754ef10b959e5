// npm run bench — measurements side by side in one run; ratios, not absolute numbers, are the
// targets, since both sides run on the same machine at the same moment.
import { benchAudit, printAudit } from './audit.bench.ts';
import { benchExchangeHttp, benchExchangeInProcess, printExchange } from './exchange.bench.ts';
import { benchSeed, printSeed, type SeedBenchResult } from './seed.bench.ts';
import { benchStartup, printStartup } from './startup.bench.ts';
import { benchIdentity, printIdentity } from './identity.bench.ts';
import { benchRegistry, printRegistry } from './registry.bench.ts';
import { postgresAdminUrl } from './support.ts';
import { benchValidate, printPki } from '../src/platform/pki/pki.bench.ts';

const args = process.argv.slice(2);
const only = args.find((arg) => !arg.startsWith('-') && !/^\d+$/.test(arg));
// `npm run bench -- seed --persons 1000000`; the full run seeds 1,000,000 on each engine.
const personsArg = args[args.indexOf('--persons') + 1];
const persons =
  args.includes('--persons') && personsArg !== undefined ? Number(personsArg) : 1_000_000;
const want = (name: string): boolean => only === undefined || only === name;

console.log(`EHİS benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
if (want('audit')) printAudit(await benchAudit());
if (want('exchange')) printExchange(await benchExchangeInProcess(), await benchExchangeHttp());
if (want('pki')) printPki(await benchValidate());
if (want('identity')) printIdentity(await benchIdentity());
if (want('startup')) printStartup(await benchStartup());
if (want('registry')) printRegistry(await benchRegistry());
if (want('seed')) {
  const results: SeedBenchResult[] = [await benchSeed({ engine: 'pglite', persons })];
  if ((await postgresAdminUrl()) !== undefined)
    results.push(await benchSeed({ engine: 'postgres', persons }));
  printSeed(results);
}
