import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/platform/http/http.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';
import { signInAsOperator } from '../support/operator.ts';

describe('many requests at once', () => {
  let test: TestPlatform;
  let app: App;
  let base: string;
  let cookie: string;
  let entriesBefore: number;

  beforeAll(async () => {
    test = await createTestPlatform();
    app = await buildApp(test.platform);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const operator = await signInAsOperator(test.platform, app);
    cookie = `ehis_session=${operator.browser.cookies.get('ehis_session') ?? ''}`;
    entriesBefore = (await test.platform.audit.verify()).entries;
  });
  afterAll(async () => {
    await app.close();
    await test.close();
  });

  it('200 concurrent requests over real HTTP, reads and audited writes mixed, all finish without deadlock', async () => {
    const paths = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0 ? '/api/audit/verify' : '/api/health',
    );
    const deadline = AbortSignal.timeout(60_000);
    const responses = await Promise.all(
      paths.map((path) => fetch(base + path, { signal: deadline, headers: { cookie } })),
    );
    expect(responses.map((r) => r.status)).toEqual(paths.map(() => 200));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    // Every verification was itself audited, in one unbroken chain.
    const result = await test.platform.audit.verify();
    expect(result).toMatchObject({ ok: true, entries: entriesBefore + 50 });
  });
});
