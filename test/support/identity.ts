import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { attachAgencies, type Agencies } from '../../src/agencies/agencies.ts';
import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/platform/http/http.ts';
import { seedPopulation } from '../../src/platform/demo/index.ts';
import type { Clock } from '../../src/platform/time/clock.ts';
import { toBakuDate } from '../../src/platform/time/baku-date.ts';
import { createTestPlatform, type TestPlatform } from './platform.ts';

export interface DemoPersonView {
  fin: string;
  idCardNumber: string | null;
  firstName: string;
  lastName: string;
  birthDate: string;
  idCardStatus: string | null;
  tags: string[];
  relations: { minorChildren: string[]; parents: string[]; wards: string[]; guardians: string[] };
}

export interface IdentityHarness {
  readonly test: TestPlatform;
  readonly app: App;
  readonly agencies: Agencies;
  readonly people: DemoPersonView[];
  /**
   * A person with the given tag (and a valid card unless the tag is about the card) whom no
   * earlier call returned, so tests in one file never trip over each other's accounts.
   */
  person(tag: string, extra?: (p: DemoPersonView) => boolean): DemoPersonView;
  /** An unused adult with a valid card, from the whole seeded register (not just the demo list). */
  adult(): {
    fin: string;
    idCardNumber: string;
    firstName: string;
    lastName: string;
    birthDate: string;
  };
  close(): Promise<void>;
}

/** The real platform with the agencies on the exchange, a seeded population and the HTTP app. */
export async function createIdentityHarness(
  options: { clock?: Clock; persons?: number; env?: Record<string, string> } = {},
): Promise<IdentityHarness> {
  const test = await createTestPlatform(
    options.env ?? {},
    options.clock === undefined ? {} : { clock: options.clock },
  );
  await seedPopulation(test.platform.db, { persons: options.persons ?? 400, seed: 11 });
  const agencies = await attachAgencies(test.platform);
  const app = await buildApp(test.platform, agencies);
  const list = await app.inject({ method: 'GET', url: '/api/demo/persons' });
  const people = list.json<DemoPersonView[]>();
  const used = new Set<string>();
  const pool = await sql<{
    fin: string;
    idCardNumber: string;
    firstName: string;
    lastName: string;
    birthDate: string;
  }>`
    SELECT p.fin, c.number AS "idCardNumber", p.first_name AS "firstName",
           p.last_name AS "lastName", p.birth_date AS "birthDate"
    FROM population.person p
    JOIN LATERAL (SELECT * FROM population.id_card c WHERE c.fin = p.fin
                  ORDER BY issued_on DESC LIMIT 1) c ON true
    WHERE p.death_date IS NULL AND c.lost_on IS NULL AND c.annulled_on IS NULL
      AND (c.expires_on IS NULL OR c.expires_on > ${toBakuDate(test.platform.clock.now())}::date + 400)
      AND p.birth_date < ${toBakuDate(test.platform.clock.now())}::date - interval '19 years'
    ORDER BY p.fin`.execute(test.platform.db.kysely);
  return {
    test,
    app,
    agencies,
    people,
    person(tag, extra = () => true) {
      const cardTag = tag === 'expired-card' || tag === 'lost-card';
      const found = people.find(
        (p) =>
          p.tags.includes(tag) &&
          (cardTag || p.idCardStatus === 'valid') &&
          !used.has(p.fin) &&
          extra(p),
      );
      if (found === undefined) throw new Error(`no unused demo person tagged ${tag}`);
      used.add(found.fin);
      return found;
    },
    adult() {
      const found = pool.rows.find((p) => !used.has(p.fin));
      if (found === undefined) throw new Error('no unused adult with a valid card');
      used.add(found.fin);
      return found;
    },
    async close() {
      await app.close();
      await test.close();
    },
  };
}

/**
 * A browser against `app.inject`: keeps cookies like a browser does and sends the CSRF header
 * the web app sends (double submit). `csrf: false` leaves the header out.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly #app: App;
  readonly ip: string;

  constructor(app: App, ip = '127.0.0.1') {
    this.#app = app;
    this.ip = ip;
  }

  #cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #keep(res: LightMyRequestResponse): void {
    for (const cookie of res.cookies) {
      const expired =
        cookie.value === '' ||
        (cookie.expires !== undefined && cookie.expires.getTime() < Date.now()) ||
        cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async request(
    options: Omit<InjectOptions, 'headers'> & {
      headers?: Record<string, string>;
      csrf?: boolean;
    },
  ): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && !this.cookies.has('ehis_csrf')) {
      this.#keep(
        await this.#app.inject({ method: 'GET', url: '/api/auth/csrf', remoteAddress: this.ip }),
      );
    }
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.#cookieHeader();
    if (method !== 'GET' && options.csrf !== false) {
      headers['x-csrf-token'] = this.cookies.get('ehis_csrf') ?? '';
    }
    const { csrf: _csrf, ...rest } = options;
    const res = await this.#app.inject({
      remoteAddress: this.ip,
      ...rest,
      headers,
    } as InjectOptions);
    this.#keep(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, ...(headers === undefined ? {} : { headers }) });
  }

  post(
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(headers === undefined ? {} : { headers }),
    });
  }

  delete(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'DELETE', url });
  }
}

let counter = 0;

/** Registers `person` with a fresh username and a strong password; returns the credentials. */
export async function registerPerson(
  browser: TestBrowser,
  person: { fin: string; idCardNumber: string | null },
): Promise<{ username: string; password: string; userId: string }> {
  counter += 1;
  const username = `user${counter}${person.fin.toLowerCase()}`;
  const password = `Ağ-${person.fin}-uzun şifrə ${counter}`;
  const res = await browser.post('/api/auth/register', {
    idCardNumber: person.idCardNumber,
    fin: person.fin,
    username,
    password,
  });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  return { username, password, userId: res.json<{ userId: string }>().userId };
}
