// npm run bench — measurements side by side in one run; ratios, not absolute numbers, are the
// targets, since both sides run on the same machine at the same moment.
import { benchAudit, printAudit } from './audit.bench.ts';
import { benchExchangeHttp, benchExchangeInProcess, printExchange } from './exchange.bench.ts';

const only = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const want = (name: string): boolean => only === undefined || only === name;

console.log(`EHİS benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
if (want('audit')) printAudit(await benchAudit());
if (want('exchange')) printExchange(await benchExchangeInProcess(), await benchExchangeHttp());
