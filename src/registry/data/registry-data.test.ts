import { describe, expect, it } from 'vitest';
import {
  loadDomains,
  loadHealthCardRegulation,
  loadProviders,
  loadSeedServices,
  PROVIDER_KINDS,
  SERVICE_USERS,
  type RegulationField,
} from './index.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SOURCE = /^(?:000|001|002|003|004) \S/;
const TABLE_ROW = /^002 table row (\d+)$/;

/**
 * Seed 002, table ¶T-INTEGR ("Azərbaycan Respublikası Nazirlər Kabinetinin 2012-ci il 17 oktyabr
 * tarixli 235 nömrəli Qərarı ilə təsdiq olunmuş elektron xidmətlərin portala inteqrasiyası barədə
 * MƏLUMAT", 01.10.2013): the "Sıra №" column runs 1–45 and the "DÖVLƏT QURUMUNUN ADI" column
 * lists 45 names, no name repeated. Counted by hand in shared/seeds/002_1a09f54029c7def7.txt,
 * lines 1054–1144 (requirements.md REG-002-T-INTEGR also says "across 45 bodies").
 */
const T_INTEGR_DISTINCT_AGENCIES = 45;

/**
 * Glossary §12 ("Bodies and organisations"): Azerbaijani name → code, for the bodies the
 * glossary codes. Copied from shared/spec/glossary.md so the test does not read outside the repo.
 */
const GLOSSARY_CODES: Record<string, string> = {
  'Səhiyyə Nazirliyi': 'health',
  'Səhiyyənin İnformasiyalaşdırılması Mərkəzi': 'health-informatisation-centre',
  'Ədliyyə Nazirliyi': 'justice',
  'Daxili İşlər Nazirliyi': 'internal-affairs',
  'Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi': 'labour-social-protection',
  'İqtisadiyyat Nazirliyi': 'economy',
  'İqtisadi İnkişaf Nazirliyi': 'economic-development',
  'Dövlət Miqrasiya Xidməti': 'migration-service',
  'Elm və Təhsil Nazirliyi': 'science-education',
  'Təhsil Nazirliyi': 'education',
  'Gənclər və İdman Nazirliyi': 'youth-sports',
  'Tibbi Ərazi Bölmələrini İdarəetmə Birliyi': 'regional-medical-divisions',
  'Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi': 'family-women-children-committee',
  'İcbari Tibbi Sığorta üzrə Dövlət Agentliyi': 'cmi-agency',
  'Prezident yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi':
    'public-service-agency',
  'Rabitə və İnformasiya Texnologiyaları Nazirliyi': 'communications-it',
  'Məlumat Hesablama Mərkəzi': 'data-computing-centre',
  'Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi': 'digital-development-transport',
  'Xüsusi Rabitə və İnformasiya Təhlükəsizliyi Dövlət Xidməti': 'special-communication-service',
  // The glossary writes "Məhkəmə-Hüquq Şurası"; seed 002 prints it without the hyphen.
  'Məhkəmə Hüquq Şurası': 'judicial-legal-council',
  'Binəqədi Rayon Məhkəməsi': 'court-binagadi',
  'Xəzər Rayon Məhkəməsi': 'court-khazar',
  'Dövlət Sosial Müdafiə Fondu': 'social-protection-fund',
  'Xarici İşlər Nazirliyi': 'foreign-affairs',
  'Fövqəladə Hallar Nazirliyi': 'emergency-situations',
  'Maliyyə Nazirliyi': 'finance',
  'Vergilər Nazirliyi': 'taxes',
  'Sənaye və Energetika Nazirliyi': 'industry-energy',
  'Kənd Təsərrüfatı Nazirliyi': 'agriculture',
  'Ekologiya və Təbii Sərvətlər Nazirliyi': 'ecology-natural-resources',
  'Mədəniyyət və Turizm Nazirliyi': 'culture-tourism',
  'Nəqliyyat Nazirliyi': 'transport',
  'Müdafiə Sənayesi Nazirliyi': 'defence-industry',
  'Qiymətli Kağızlar üzrə Dövlət Komitəsi': 'securities-committee',
  'Dövlət Şəhərsalma və Arxitektura Komitəsi': 'urban-planning-committee',
  'Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi': 'refugees-idps-committee',
  'Dövlət Gömrük Komitəsi': 'customs-committee',
  'Dövlət Torpaq və Xəritəçəkmə Komitəsi': 'land-cartography-committee',
  'Əmlak Məsələləri Dövlət Komitəsi': 'property-committee',
  'Dövlət Statistika Komitəsi': 'statistics-committee',
  'Dini Qurumlarla İş üzrə Dövlət Komitəsi': 'religious-organisations-committee',
  'Diasporla İş üzrə Dövlət Komitəsi': 'diaspora-committee',
  'Standartlaşdırma, Metrologiya və Patent üzrə Dövlət Komitəsi':
    'standards-metrology-patents-committee',
  'Prezident yanında Dövlət Qulluğu Məsələləri üzrə Komissiya': 'civil-service-commission',
  'Tələbə Qəbulu üzrə Dövlət Komissiyası': 'student-admission-commission',
  'Dövlət Sərhəd Xidməti': 'border-service',
  'Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidməti': 'mobilisation-conscription-service',
  'Müəllif Hüquqları Agentliyi': 'copyright-agency',
  'Satınalmalar üzrə Dövlət Agentliyi': 'procurement-agency',
  'Dövlət Mülki Aviasiya Administrasiyası': 'civil-aviation-administration',
  'Dövlət Dəniz Administrasiyası': 'maritime-administration',
  'Milli Arxiv İdarəsi': 'national-archive',
  '"Meliorasiya və su təsərrüfatı" ASC': 'amelioration-water-ojsc',
  '"Azərsu" ASC': 'azersu',
  '"Azərenerji" ASC': 'azerenerji',
  'Mərkəzi Seçki Komissiyası': 'central-election-commission',
};

/**
 * Glossary §12 codes deliberately not providers: the President and the Cabinet issue the legal
 * acts (legal-basis catalogue, not agencies); the Collegium is an organ of the Ministry of Health;
 * UNHCR's representation is an international organisation; "law-enforcement" is generic.
 */
const GLOSSARY_CODES_NOT_PROVIDERS = [
  'president',
  'cabinet-of-ministers',
  'health-collegium',
  'unhcr-azerbaijan',
  'law-enforcement',
];

/** Template fields of 003 Appendix 1, in order (plus the two notes of 2.6). */
const TEMPLATE_CLAUSES = [
  ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8'],
  ['2.1', '2.2', '2.2.1', '2.3', '2.4', '2.5', '2.6', '2.6.1', '2.6.2', '2.6-N1', '2.6-N2'],
  [
    '3.1',
    '3.2',
    '3.2.1',
    '3.2.2',
    '3.3',
    '3.3.1',
    '3.3.2',
    '3.4',
    '3.4.1',
    '3.4.2',
    '3.4.3',
    '3.4.4',
    '3.5',
    '3.5.1',
    '3.5.2',
    '3.6',
    '3.6.1',
    '3.6.2',
    '3.6.3',
  ],
];

/** A display string: non-empty, trimmed, single-spaced, no replacement characters. */
function expectCleanText(value: string | undefined, what: string): void {
  if (typeof value !== 'string') throw new Error(`${what}: not a string`);
  expect(value.length, what).toBeGreaterThan(0);
  expect(value, what).toBe(value.trim());
  expect(value, what).not.toMatch(/ {2}|\uFFFD|[\u0400-\u04FF]/);
}

describe('domains (003 §3.1)', () => {
  const domains = loadDomains();

  it('has the 29 areas with clauses 3.1.1 … 3.1.29 in order', () => {
    expect(domains).toHaveLength(29);
    expect(domains.map((d) => d.clause)).toEqual(
      Array.from({ length: 29 }, (_, i) => `3.1.${i + 1}`),
    );
  });

  it('has unique kebab-case codes and names in az and en', () => {
    expect(new Set(domains.map((d) => d.code)).size).toBe(29);
    for (const d of domains) {
      expect(d.code).toMatch(KEBAB);
      for (const text of [d.nameAz, d.nameEn, d.titleAz, d.titleEn]) expectCleanText(text, d.code);
      expect(d.titleAz.toLocaleLowerCase('az')).toBe(d.nameAz.toLocaleLowerCase('az'));
    }
  });

  it('keeps the Azerbaijani of the seed', () => {
    expect(domains[0]).toMatchObject({ code: 'family-women-children', nameAz: 'ailə, qadın, uşaq problemləri' });
    expect(domains[9]).toMatchObject({ code: 'sport', titleAz: 'İdman və bədən tərbiyəsi' });
    expect(domains[19]).toMatchObject({ code: 'health', nameAz: 'səhiyyə' });
    expect(domains[28]).toMatchObject({ code: 'citizenship-migration', nameAz: 'vətəndaşlıq, miqrasiya' });
  });
});

describe('providers', () => {
  const providers = loadProviders();
  const codes = new Set(providers.map((p) => p.code));

  it('has unique kebab-case codes, known kinds, names and sources', () => {
    expect(codes.size).toBe(providers.length);
    for (const p of providers) {
      expect(p.code).toMatch(KEBAB);
      expect(PROVIDER_KINDS).toContain(p.kind);
      expectCleanText(p.nameAz, p.code);
      expectCleanText(p.nameEn, p.code);
      if (p.nameAzFull !== undefined) expectCleanText(p.nameAzFull, p.code);
      if (p.nameEnFull !== undefined) expectCleanText(p.nameEnFull, p.code);
      expect(p.sources.length, p.code).toBeGreaterThan(0);
      for (const s of p.sources) expect(s, p.code).toMatch(SOURCE);
      if (p.parent !== undefined) expect(codes).toContain(p.parent);
    }
  });

  it('has no agency twice under different names', () => {
    const names = providers.flatMap((p) => [p.nameAz, ...(p.nameAzVariants ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("reflects seed 002's 45-row table: one provider per row, rows 1–45 each once", () => {
    const rows = providers.flatMap((p) =>
      p.sources.flatMap((s) => {
        const m = TABLE_ROW.exec(s);
        return m ? [Number(m[1])] : [];
      }),
    );
    const fromTable = providers.filter((p) => p.sources.some((s) => TABLE_ROW.test(s)));
    expect(fromTable).toHaveLength(T_INTEGR_DISTINCT_AGENCIES);
    expect(rows.sort((a, b) => a - b)).toEqual(
      Array.from({ length: T_INTEGR_DISTINCT_AGENCIES }, (_, i) => i + 1),
    );
    // Listed first, in table order.
    expect(providers.slice(0, 45).map((p) => p.sources[0])).toEqual(
      Array.from({ length: 45 }, (_, i) => `002 table row ${i + 1}`),
    );
    expect(providers[0]).toMatchObject({ code: 'foreign-affairs', nameAz: 'Xarici İşlər Nazirliyi' });
    expect(providers[44]).toMatchObject({ code: 'public-service-agency' });
  });

  it('uses the glossary codes where the glossary defines them', () => {
    for (const p of providers) {
      expect(GLOSSARY_CODES[p.nameAz], `${p.code}: ${p.nameAz}`).toBe(p.code);
    }
    const glossaryCodes = new Set(Object.values(GLOSSARY_CODES));
    expect([...codes].sort()).toEqual([...glossaryCodes].sort());
    for (const code of GLOSSARY_CODES_NOT_PROVIDERS) expect(codes).not.toContain(code);
  });

  it('names the agencies of seeds 000, 001, 003 and 004', () => {
    const bySeed = (seed: string) =>
      providers.filter((p) => p.sources.some((s) => s.startsWith(`${seed} `))).map((p) => p.code);
    expect(bySeed('000').sort()).toEqual(['health', 'health-informatisation-centre']);
    expect(bySeed('001').sort()).toEqual(
      [
        'cmi-agency',
        'economy',
        'health',
        'internal-affairs',
        'justice',
        'labour-social-protection',
        'migration-service',
        'public-service-agency',
      ].sort(),
    );
    expect(bySeed('003')).toEqual(['communications-it']);
    expect(bySeed('004').sort()).toEqual(
      [
        'digital-development-transport',
        'family-women-children-committee',
        'health',
        'internal-affairs',
        'justice',
        'labour-social-protection',
        'migration-service',
        'regional-medical-divisions',
        'science-education',
        'special-communication-service',
        'youth-sports',
      ].sort(),
    );
  });
});

describe('seed services', () => {
  const services = loadSeedServices();
  const providerCodes = new Set(loadProviders().map((p) => p.code));
  const domainCodes = new Set(loadDomains().map((d) => d.code));

  it('has unique keys, known providers and domains, and well-formed fields', () => {
    expect(new Set(services.map((s) => s.key)).size).toBe(services.length);
    for (const s of services) {
      expect(s.key).toMatch(KEBAB);
      expect(providerCodes, s.key).toContain(s.provider);
      expect(domainCodes, s.key).toContain(s.domain);
      expect(['informative', 'interactive']).toContain(s.type);
      expect(typeof s.paid).toBe('boolean');
      if (s.paidDecided) expect(s.paid, s.key).toBe(false);
      expect(s.users.length, s.key).toBeGreaterThan(0);
      expect(new Set(s.users).size, s.key).toBe(s.users.length);
      for (const u of s.users) expect(SERVICE_USERS).toContain(u);
      expectCleanText(s.nameAz, s.key);
      expectCleanText(s.nameEn, s.key);
      expect(s.source, s.key).toMatch(/^002 ¶/);
    }
  });

  it("has the Ministry of Health's 21 services (L01–L21) and the lists of DSMF, Interior, Justice, Labour", () => {
    const health = services.filter((s) => s.source.startsWith('002 ¶HEALTH L'));
    expect(health.map((s) => s.source)).toEqual(
      Array.from({ length: 21 }, (_, i) => `002 ¶HEALTH L${String(i + 1).padStart(2, '0')}`),
    );
    expect(health.every((s) => s.provider === 'health')).toBe(true);
    const top = services
      .flatMap((s) => (s.usage ? [{ provider: s.provider, ...s.usage }] : []))
      .sort((a, b) => a.rank - b.rank);
    expect(top.map((u) => [u.rank, u.provider, u.uses])).toEqual([
      [1, 'communications-it', 56663],
      [2, 'social-protection-fund', 3079],
      [3, 'social-protection-fund', 2686],
      [4, 'social-protection-fund', 2585],
      [5, 'social-protection-fund', 1396],
      [6, 'internal-affairs', 842],
      [7, 'social-protection-fund', 748],
      [8, 'internal-affairs', 737],
      [9, 'justice', 615],
      [10, 'labour-social-protection', 540],
    ]);
    // DSMF: its 6 portal services (002 ¶DSMF says the payment service was the 6th).
    expect(services.filter((s) => s.provider === 'social-protection-fund')).toHaveLength(6);
    expect(services).toHaveLength(35);
  });

  it('keeps the health-card service as seed 000 states it', () => {
    const card = services.find((s) => s.key === 'health-card-data');
    expect(card).toMatchObject({
      nameAz: 'Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların verilməsi',
      provider: 'health',
      domain: 'health',
      type: 'interactive',
      paid: false,
      users: ['natural-persons'],
    });
    expect(card?.typeDecided).toBeUndefined();
    expect(card?.paidDecided).toBeUndefined();
  });
});

describe('health-card regulation (000 on the 003 A1 template)', () => {
  const reg = loadHealthCardRegulation();
  const fields: RegulationField[] = reg.sections.flatMap((s) => [...s.fields]);
  const field = (clause: string): RegulationField => {
    const found = fields.find((f) => f.clause === clause);
    if (!found) throw new Error(`no field ${clause}`);
    return found;
  };

  it('has every template field, in order', () => {
    expect(reg.sections.map((s) => s.fields.map((f) => f.clause))).toEqual(TEMPLATE_CLAUSES);
  });

  it('marks unfilled fields as missing and renders every filled one in English', () => {
    for (const f of fields) {
      expectCleanText(f.labelAz, f.clause);
      expectCleanText(f.labelEn, f.clause);
      if (f.missing) {
        expect(f.az, f.clause).toBeNull();
        expect(f.en, f.clause).toBeNull();
        expect(f.seedClause, f.clause).toBeNull();
      } else {
        expect(f.seedClause, f.clause).not.toBeNull();
        if (f.az === null) expect(f.group, f.clause).toBe(true);
        else expect(f.en, f.clause).toEqual(expect.any(String));
      }
    }
    expect(fields.filter((f) => f.missing).map((f) => f.clause)).toEqual([
      '2.2.1',
      '2.6.2',
      '2.6-N1',
      '2.6-N2',
      '3.1',
      '3.4.2',
      '3.4.4',
    ]);
  });

  it('maps seed 000 part 3 one clause up on the template', () => {
    expect(field('3.2.1').seedClause).toBe('3.1.1');
    expect(field('3.4.3')).toMatchObject({ seedClause: '3.3.2', az: 'Yoxdur.' });
    expect(field('3.6.3').seedClause).toBe('3.5.3');
  });

  it('holds the structured values', () => {
    expect(reg.serviceKey).toBe('health-card-data');
    expect(loadSeedServices().map((s) => s.key)).toContain(reg.serviceKey);
    expect(reg.approval).toMatchObject({ decisionNumber: '05', date: '2013-02-04', providerCode: 'health' });
    expect(field('1.1').az).toBe('Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların verilməsi.');
    expect(field('1.3').items?.map((i) => i.legalActId)).toEqual([
      'law-health-protection',
      'decree-413-2006',
      'decree-429-2011',
      'cabinet-143-2006',
    ]);
    expect(field('1.4')).toMatchObject({
      az: 'Azərbaycan Respublikasının Səhiyyə Nazirliyi',
      providerCode: 'health',
    });
    expect(field('1.6')).toMatchObject({ automationLevel: 'full' });
    expect(field('1.7').templateNotes?.find((n) => n.appliesHere)?.note).toBe(1);
    expect(field('2.1')).toMatchObject({ az: 'interaktiv.', type: 'interactive' });
    expect(field('2.2')).toMatchObject({ az: 'ödənişsiz.', paid: false });
    expect(field('2.2.1').payment).toEqual({
      amount: null,
      legalBasis: null,
      bankRequisites: null,
      paymentMethods: null,
    });
    expect(field('2.3').users).toEqual(['natural-persons']);
    expect(field('2.5').contact).toEqual({
      webAddresses: ['http://www.health.gov.az', 'http://www.e-gov.az'],
      email: 'office@e-health.gov.az',
      phone: '012 431-38-28',
    });
    expect(field('2.6').documents).toEqual([
      expect.objectContaining({ id: 'idCard', nameAz: 'şəxsiyyət vəsiqəsi', heldByState: true }),
    ]);
    expect(field('3.5').controllerCode).toBe('health-informatisation-centre');
    expect(field('3.6.3').reviewPeriod).toEqual({ days: 15, extendedDays: 30, dayKind: 'unspecified' });
    const providerCodes = new Set(loadProviders().map((p) => p.code));
    for (const code of [reg.providerCode, field('3.5').controllerCode, field('3.6').responsibleCode]) {
      expect(providerCodes).toContain(code);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(reg)).toBe(true);
    const firstItem = field('1.3').items?.[0];
    expect(firstItem).toBeDefined();
    expect(Object.isFrozen(firstItem)).toBe(true);
  });
});
