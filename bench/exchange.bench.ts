import { spawn } from 'node:child_process';
import type { webcrypto } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import { ExchangeClient, httpTransport, inProcessTransport } from '../src/exchange/index.ts';
import { BENCH_SERVICE, createBenchExchange } from './exchange-fixture.ts';
import { benchDatabases, fmt, measureRate } from './support.ts';

/** Concurrent callers on both sides: enough to saturate either, so the ratio compares maxima. */
const CALLERS = Number(process.env.BENCH_CALLERS ?? 128);

export interface ExchangeBenchResult {
  readonly engine: string;
  readonly directPerSecond: number;
  readonly exchangePerSecond: number;
  readonly ratio: number;
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  readonly verifyPerSecond: number;
}

export interface HttpBenchResult {
  readonly directPerSecond: number;
  readonly httpPerSecond: number;
  readonly ratio: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Issues `rate` operations per second for `seconds` (open loop); returns sorted latencies in ms. */
async function pacedLatencies(
  rate: number,
  seconds: number,
  op: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const total = Math.floor(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = performance.now();
    pending.push(op(i).then(() => void latencies.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}

/**
 * Issue 3 item 12: an in-process exchange call (client signature, certificate and grant checks,
 * schema validation, provider lookup, answer validation and signature, message-log append, client
 * verification) against the bare lookup it wraps, side by side, on each engine.
 */
export async function benchExchangeInProcess(
  options: { total?: number } = {},
): Promise<ExchangeBenchResult[]> {
  const total = options.total ?? 10_000;
  const results: ExchangeBenchResult[] = [];
  for (const target of await benchDatabases()) {
    const bench = await createBenchExchange(target.db);
    try {
      const client = new ExchangeClient({
        identity: bench.identity,
        transport: inProcessTransport(bench.platform.exchange.gateway),
        gatewayPublicJwk: bench.platform.exchange.gateway.publicKey,
      });
      const fins = bench.fins;
      const direct = (i: number) => bench.lookup(fins[i % fins.length] ?? '');
      const viaExchange = (i: number) => {
        const fin = fins[i % fins.length] ?? '';
        return client.call(BENCH_SERVICE, { purpose: 'benchmark', subjectFin: fin, body: { fin } });
      };
      await measureRate(1000, CALLERS, direct);
      await measureRate(1000, CALLERS, viaExchange);
      let directPerSecond = 0;
      let exchangePerSecond = 0;
      for (let round = 0; round < 2; round++) {
        directPerSecond = Math.max(directPerSecond, await measureRate(total, CALLERS, direct));
        exchangePerSecond = Math.max(
          exchangePerSecond,
          await measureRate(total, CALLERS, viaExchange),
        );
      }
      const rate = 0.7 * exchangePerSecond;
      const directLatency = await pacedLatencies(rate, 3, direct);
      const exchangeLatency = await pacedLatencies(rate, 3, viaExchange);
      const started = performance.now();
      const verified = await bench.platform.exchange.messageLog.verify();
      const verifySeconds = (performance.now() - started) / 1000;
      if (!verified.ok)
        throw new Error(`benchmark message log does not verify: ${JSON.stringify(verified)}`);
      results.push({
        engine: target.label,
        directPerSecond,
        exchangePerSecond,
        ratio: exchangePerSecond / directPerSecond,
        addedP50Ms: percentile(exchangeLatency, 0.5) - percentile(directLatency, 0.5),
        addedP99Ms: percentile(exchangeLatency, 0.99) - percentile(directLatency, 0.99),
        verifyPerSecond: verified.entries / verifySeconds,
      });
    } finally {
      await bench.close();
      await target.drop();
    }
  }
  return results;
}

/** The same call over loopback HTTP: this process is the client member, a child process the gateway and provider. */
export async function benchExchangeHttp(
  options: { total?: number } = {},
): Promise<HttpBenchResult> {
  const total = options.total ?? 5000;
  const child = spawn(
    process.execPath,
    [new URL('./exchange-server.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_DATABASE_URL: '' },
    },
  );
  try {
    const setup = await new Promise<{
      port: number;
      directPerSecond: number;
      privateJwk: JWK;
      thumbprint: string;
      gatewayPublicJwk: JWK;
      fins: string[];
    }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line !== undefined && out.includes('\n')) resolve(JSON.parse(line) as never);
      });
      child.on('exit', (code) => reject(new Error(`exchange server exited with ${code}`)));
    });
    const privateKey = (await importJWK(
      { ...setup.privateJwk, alg: 'ES256' },
      'ES256',
    )) as webcrypto.CryptoKey;
    const client = new ExchangeClient({
      identity: {
        member: 'health',
        subsystem: 'e-health-card',
        privateKey,
        certificateThumbprint: setup.thumbprint,
      },
      transport: httpTransport(`http://127.0.0.1:${setup.port}`),
      gatewayPublicJwk: setup.gatewayPublicJwk,
    });
    const call = (i: number) => {
      const fin = setup.fins[i % setup.fins.length] ?? '';
      return client.call(BENCH_SERVICE, { purpose: 'benchmark', subjectFin: fin, body: { fin } });
    };
    await measureRate(500, CALLERS, call);
    const httpPerSecond = await measureRate(total, CALLERS, call);
    return {
      directPerSecond: setup.directPerSecond,
      httpPerSecond,
      ratio: httpPerSecond / setup.directPerSecond,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

export function printExchange(
  inProcess: readonly ExchangeBenchResult[],
  http: HttpBenchResult | undefined,
): void {
  console.log(
    `\nExchange: in-process call (client signature and its check, certificate, grant, schema, provider, answer signed, message log) vs the bare lookup, ${CALLERS} concurrent callers on both sides`,
  );
  for (const r of inProcess) {
    console.log(
      `  ${r.engine.padEnd(11)} exchange ${fmt(r.exchangePerSecond).padStart(7)}/s   direct ${fmt(r.directPerSecond).padStart(7)}/s   ratio ${fmt(r.ratio, 2)} (target ≥ 0.50) ${r.ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(
      `  ${''.padEnd(11)} added latency at 70 % load: p50 ${fmt(r.addedP50Ms, 2)} ms (target ≤ 3) ${r.addedP50Ms <= 3 ? 'OK' : 'ABOVE TARGET'}   p99 ${fmt(r.addedP99Ms, 2)} ms (target ≤ 15) ${r.addedP99Ms <= 15 ? 'OK' : 'ABOVE TARGET'}   message-log verify ${fmt(r.verifyPerSecond)} entries/s`,
    );
    if (r.engine === 'PostgreSQL') {
      console.log(
        `  ${''.padEnd(11)} PostgreSQL exchange calls/s ${fmt(r.exchangePerSecond)} (target ≥ 1,000) ${r.exchangePerSecond >= 1000 ? 'OK' : 'BELOW TARGET'}`,
      );
    }
  }
  if (http !== undefined) {
    console.log(
      'Exchange over loopback HTTP between two member processes (client here, gateway + provider in a child process)',
    );
    console.log(
      `  PGlite      http ${fmt(http.httpPerSecond).padStart(7)}/s   direct (in the provider process) ${fmt(http.directPerSecond).padStart(7)}/s   ratio ${fmt(http.ratio, 2)} (target ≥ 0.30) ${http.ratio >= 0.3 ? 'OK' : 'BELOW TARGET'}`,
    );
  }
}
