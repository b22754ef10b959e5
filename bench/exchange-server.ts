// The gateway side of the HTTP exchange benchmark, in a process of its own: builds the bench
// platform on in-memory PGlite (or DATABASE_URL), listens on a free port, measures the direct
// lookup rate in its own process and prints one JSON line with what the client side needs.
import { openDatabase } from '../src/platform/db/database.ts';
import { buildApp } from '../src/app.ts';
import { createBenchExchange } from './exchange-fixture.ts';
import { measureRate } from './support.ts';

const db = await openDatabase({ url: process.env.BENCH_DATABASE_URL || undefined, poolSize: 20 });
const bench = await createBenchExchange(db);
const app = await buildApp(bench.platform);
app.log.level = 'silent';
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
await measureRate(2000, 32, (i) => bench.lookup(bench.fins[i % bench.fins.length] ?? ''));
const directPerSecond = await measureRate(20_000, 32, (i) =>
  bench.lookup(bench.fins[i % bench.fins.length] ?? ''),
);
process.stdout.write(
  `${JSON.stringify({
    port,
    directPerSecond,
    privateJwk: bench.privateJwk,
    thumbprint: bench.identity.certificateThumbprint,
    gatewayPublicJwk: bench.platform.exchange.gateway.publicKey,
    fins: bench.fins.slice(0, 2000),
  })}\n`,
);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => bench.close())
    .then(() => process.exit(0));
});
