import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/platform/config/config.ts';
import { startPlatform } from '../src/platform/platform.ts';
import { loadDomains, loadProviders } from '../src/registry/data/index.ts';
import { createRegistry } from '../src/registry/index.ts';
import type { ApplicationFields } from '../src/registry/registry.schema.ts';
import { searchText } from '../src/registry/registry.search.ts';
import { insertServices, type RegistryTables } from '../src/registry/registry.store.ts';
import { benchDatabases, fmt } from './support.ts';

export interface RegistryBenchResult {
  readonly engine: string;
  readonly services: number;
  readonly loadSeconds: number;
  readonly searchP50Ms: number;
  readonly searchP95Ms: number;
  readonly lookupP50Ms: number;
  readonly lookupP95Ms: number;
  /** search p95 ÷ lookup p95 */
  readonly ratio: number;
  readonly perQuery: readonly { q: string; p95Ms: number; total: number }[];
}

// A realistic vocabulary of Azerbaijani e-service names: what (genitive) + what is done to it.
const SUBJECTS = [
  'Doğum haqqında şəhadətnamənin',
  'Nikah haqqında şəhadətnamənin',
  'Ölüm haqqında şəhadətnamənin',
  'Şəxsiyyət vəsiqəsinin',
  'Sürücülük vəsiqəsinin',
  'Ümumvətəndaş pasportunun',
  'Nəqliyyat vasitəsinin',
  'Torpaq sahəsinin',
  'Daşınmaz əmlakın',
  'Yaşayış yeri üzrə qeydiyyatın',
  'Vergi ödəyicisinin',
  'Gömrük bəyannaməsinin',
  'Əmək müqaviləsinin',
  'Əmək pensiyasının',
  'Sosial müavinətin',
  'Əlilliyin',
  'Tibbi sığorta şəhadətnaməsinin',
  'Elektron sağlamlıq kartının',
  'Peyvənd kartının',
  'Ümumtəhsil məktəbinə qəbulun',
  'Ali təhsil diplomunun',
  'Attestatın',
  'Hərbi biletin',
  'Lisenziyanın',
  'Xüsusi razılığın',
  'Tikinti icazəsinin',
  'Sanitariya-gigiyena rəyinin',
  'Dərman vasitəsinin',
  'İşsizlik müavinətinin',
  'Məşğulluq proqramına qoşulmanın',
  'Kommunal xidmət borcunun',
  'İnzibati xəta cərimələrinin',
  'Uşaq pulunun',
  'Qəyyumluğun',
  'Hüquqi şəxsin dövlət qeydiyyatının',
  'Fərdi sahibkarın',
  'Patent ərizəsinin',
  'Əmtəə nişanının',
  'Ov biletinin',
  'Balıqçılıq icazəsinin',
] as const;
const ACTIONS = [
  'verilməsi',
  'dəyişdirilməsi',
  'bərpası',
  'qeydiyyatı',
  'müddətinin uzadılması',
  'ləğvi',
  'yoxlanılması',
  'təsdiqi',
  'dublikatının verilməsi',
  'haqqında arayışın verilməsi',
  'barədə məlumatın verilməsi',
  'üçün növbəyə yazılma',
] as const;
const QUALIFIERS = [
  '',
  '',
  '',
  ' (elektron qaydada)',
  ' (onlayn)',
  ' — təkrar müraciət',
  ' (hüquqi şəxslər üçün)',
  ' (xaricdə yaşayan vətəndaşlar üçün)',
] as const;
const CONTENT = [
  'Vətəndaş ərizəni portal vasitəsilə təqdim edir və nəticəni elektron qaydada əldə edir.',
  'Xidmət dövlət orqanlarının informasiya ehtiyatlarındakı məlumatlar əsasında göstərilir.',
  'Müraciət şəxsiyyət vəsiqəsinin nömrəsi və FİN ilə eyniləşdirmədən sonra qəbul olunur.',
  'Nəticə arayış şəklində elektron imza ilə təsdiqlənmiş sənəd kimi verilir.',
  'Ödəniş internet-ödəmə və ya terminal vasitəsilə həyata keçirilir.',
] as const;

/** A deterministic generator (mulberry32), so both engines get the same catalogue. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticFields(next: () => number): ApplicationFields {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const providers = loadProviders();
  const domains = loadDomains();
  const nameAz = `${pick(SUBJECTS)} ${pick(ACTIONS)}${pick(QUALIFIERS)}`;
  return {
    kind: 'register',
    provider: pick(providers).code,
    nameAz,
    nameEn: `Synthetic e-service ${Math.floor(next() * 1e6)}`,
    otherExecutors: [],
    contentAz: `${pick(CONTENT)} ${pick(CONTENT)}`,
    contentEn: 'Synthetic content for the catalogue benchmark.',
    legalBasis: [{ legalActId: 'decree-429-2011', clauses: '2-ci bənd' }],
    type: next() < 0.7 ? 'interactive' : 'informative',
    paid: next() < 0.15,
    users: next() < 0.8 ? ['natural-persons'] : ['natural-persons', 'legal-persons'],
    webAddress: 'https://www.e-gov.az',
    domain: pick(domains).code,
  };
}

/** What people type: whole and partial words, with and without Azerbaijani letters. */
export const QUERIES: readonly { q: string; agency?: string }[] = [
  { q: 'arayış' },
  { q: 'arayis' },
  { q: 'sürücülük vəsiqəsi' },
  { q: 'suruculuk vesiqesi' },
  { q: 'doğum şəhadətnamə' },
  { q: 'dogum sehadetname' },
  { q: 'pensiya' },
  { q: 'torpaq sahesi' },
  { q: 'sehiyye kart' },
  { q: 'qeydiyyat' },
  { q: 'vergi' },
  { q: 'lisenziya verilmesi' },
  { q: 'muavinet', agency: 'labour' },
  { q: 'icaze' },
  { q: 'xaricde yasayan' },
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

function timeMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Issue 5 item 8: catalogue search (listServices through the service layer) with 10,000
 * registered services, against a plain indexed lookup by registry number (getService) in the
 * same run, alternating the two so both see the same machine state.
 */
export async function benchRegistry(
  options: { services?: number; rounds?: number } = {},
): Promise<RegistryBenchResult[]> {
  const total = options.services ?? 10_000;
  const rounds = options.rounds ?? 20;
  const results: RegistryBenchResult[] = [];
  for (const bench of await benchDatabases()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ehis-bench-registry-'));
    const config = loadConfig({ NODE_ENV: 'test', EHIS_DATA_DIR: dataDir });
    const platform = await startPlatform(config, {
      db: bench.db,
      logger: pino({ level: 'silent' }),
    });
    try {
      const registry = createRegistry(platform, {
        holds: () => Promise.resolve(false),
        rolesOf: () => Promise.resolve([]),
      });
      const next = random(20260504);
      const at = new Date();
      const rows = Array.from({ length: total }, (_, i) => {
        const fields = syntheticFields(next);
        return {
          registryNumber: `ES-${String(i + 1).padStart(6, '0')}`,
          fields,
          at,
          search: {
            name: searchText(`${fields.nameAz} ${fields.nameEn}`),
            content: searchText(`${fields.contentAz} ${fields.contentEn}`),
          },
        };
      });
      const loadStart = process.hrtime.bigint();
      await platform.db
        .typed<RegistryTables>()
        .transaction()
        .execute((trx) => insertServices(trx, rows));
      await platform.db.execScript('ANALYZE registry.service;');
      const loadSeconds = timeMs(loadStart) / 1000;

      const search = (query: { q: string; agency?: string }) =>
        registry.search({ q: query.q, agency: query.agency, page: 1, pageSize: 20 });
      const lookup = (i: number) =>
        registry.getService(`ES-${String((i % total) + 1).padStart(6, '0')}`);
      // Warm up both paths.
      for (const query of QUERIES) await search(query);
      for (let i = 0; i < 50; i++) await lookup(i * 37);

      const searchTimes: number[] = [];
      const lookupTimes: number[] = [];
      const perQuery = new Map<string, { times: number[]; total: number }>();
      let probe = 0;
      for (let round = 0; round < rounds; round++) {
        for (const query of QUERIES) {
          let start = process.hrtime.bigint();
          const found = await search(query);
          const ms = timeMs(start);
          searchTimes.push(ms);
          const entry = perQuery.get(query.q) ?? { times: [], total: found.total };
          entry.times.push(ms);
          perQuery.set(query.q, entry);
          start = process.hrtime.bigint();
          await lookup((probe += 7919));
          lookupTimes.push(timeMs(start));
        }
      }
      searchTimes.sort((a, b) => a - b);
      lookupTimes.sort((a, b) => a - b);
      const searchP95Ms = percentile(searchTimes, 95);
      const lookupP95Ms = percentile(lookupTimes, 95);
      results.push({
        engine: bench.label,
        services: total,
        loadSeconds,
        searchP50Ms: percentile(searchTimes, 50),
        searchP95Ms,
        lookupP50Ms: percentile(lookupTimes, 50),
        lookupP95Ms,
        ratio: searchP95Ms / lookupP95Ms,
        perQuery: [...perQuery.entries()].map(([q, e]) => ({
          q,
          p95Ms: percentile(
            e.times.sort((a, b) => a - b),
            95,
          ),
          total: e.total,
        })),
      });
    } finally {
      await platform.close();
      await bench.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}

export function printRegistry(results: readonly RegistryBenchResult[]): void {
  console.log('\nRegistry catalogue search (issue 5 item 8): listServices vs getService by number');
  for (const r of results) {
    console.log(
      `  ${r.engine}: ${fmt(r.services)} services loaded in ${fmt(r.loadSeconds, 1)} s; ` +
        `search p50 ${fmt(r.searchP50Ms, 2)} ms, p95 ${fmt(r.searchP95Ms, 2)} ms; ` +
        `lookup p50 ${fmt(r.lookupP50Ms, 2)} ms, p95 ${fmt(r.lookupP95Ms, 2)} ms; ` +
        `ratio search/lookup p95 ${fmt(r.ratio, 1)}× (p50 ${fmt(r.searchP50Ms / r.lookupP50Ms, 1)}×)`,
    );
    for (const q of r.perQuery) {
      console.log(`    "${q.q}": p95 ${fmt(q.p95Ms, 2)} ms, ${fmt(q.total)} matches`);
    }
  }
}
