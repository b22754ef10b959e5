import type { LegalAct } from './exchange.schema.ts';

/**
 * The legal-basis catalogue (EHIS-LEX), seeded with the acts the source documents name
 * (requirements.md §D.5). Access grants, regulations and data sets cite entries by id. Dates are
 * given only where the sources give them; a missing number stays null rather than invented.
 */
export const LEGAL_ACTS: readonly LegalAct[] = [
  {
    id: 'constitution',
    kind: 'constitution',
    titleAz: 'Azərbaycan Respublikasının Konstitusiyası',
    titleEn: 'Constitution of the Republic of Azerbaijan',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'law-health-protection',
    kind: 'law',
    titleAz: '"Əhalinin sağlamlığının qorunması haqqında" Qanun',
    titleEn: 'Law "On protection of the health of the population"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'law-medical-insurance',
    kind: 'law',
    titleAz: '"Tibbi sığorta haqqında" Qanun',
    titleEn: 'Law "On medical insurance"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'law-medical-insurance-amendment-2018',
    kind: 'law',
    titleAz: '"Tibbi sığorta haqqında" Qanuna dəyişiklik edilməsi barədə Qanun',
    titleEn: 'Law amending the Law "On medical insurance"',
    number: '1441-VQD',
    adoptedOn: '2018-12-28',
  },
  {
    id: 'law-personal-data',
    kind: 'law',
    titleAz: '"Fərdi məlumatlar haqqında" Qanun',
    titleEn: 'Law "On personal data"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'law-information',
    kind: 'law',
    titleAz: '"İnformasiya, informasiyalaşdırma və informasiyanın mühafizəsi haqqında" Qanun',
    titleEn: 'Law "On information, informatisation and protection of information"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'law-electronic-signature',
    kind: 'law',
    titleAz: '"Elektron imza və elektron sənəd haqqında" Qanun',
    titleEn: 'Law "On electronic signature and electronic document"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'laws-pensions-social-benefits',
    kind: 'law',
    titleAz: '"Əmək pensiyaları haqqında" və "Sosial müavinətlər haqqında" Qanunlar',
    titleEn: 'Laws "On labour pensions" and "On social benefits"',
    number: null,
    adoptedOn: '2006-02-07',
  },
  {
    id: 'code-administrative-offences',
    kind: 'code',
    titleAz: 'İnzibati Xətalar Məcəlləsi',
    titleEn: 'Code of Administrative Offences',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'decree-413-2006',
    kind: 'presidential-decree',
    titleAz: 'Səhiyyə Nazirliyi haqqında Əsasnamə',
    titleEn: 'Presidential Decree: Statute of the Ministry of Health',
    number: '413',
    adoptedOn: '2006-05-25',
  },
  {
    id: 'decree-429-2011',
    kind: 'presidential-decree',
    titleAz:
      '"Dövlət orqanları tərəfindən elektron xidmətlərin göstərilməsinin təşkili sahəsində bəzi tədbirlər haqqında" Fərman',
    titleEn:
      'Presidential Decree "On some measures in the field of organising e-services by state bodies"',
    number: '429',
    adoptedOn: '2011-05-23',
  },
  {
    id: 'decree-263-2018',
    kind: 'presidential-decree',
    titleAz:
      '"Dövlət informasiya ehtiyatlarının və sistemlərinin formalaşdırılması, aparılması, inteqrasiyası və arxivləşdirilməsi Qaydaları"nın təsdiq edilməsi haqqında Fərman',
    titleEn:
      'Presidential Decree approving the "Rules for forming, keeping, integrating and archiving state information resources and systems"',
    number: '263',
    adoptedOn: '2018-09-12',
  },
  {
    id: 'decree-502-2019',
    kind: 'presidential-decree',
    titleAz: 'Prezident Fərmanı, 1.2.3-cü bənd',
    titleEn: 'Presidential Decree, §1.2.3 (cancels Decree No. 241 of 30 December 1999)',
    number: '502',
    adoptedOn: '2019-01-31',
  },
  {
    id: 'decree-626-2012',
    kind: 'presidential-decree',
    titleAz: '"Uşaq hüquqlarının həyata keçirilməsinə dövlət nəzarəti Qaydaları"',
    titleEn: 'Presidential Decree: "Rules of state control over the realisation of child rights"',
    number: '626',
    adoptedOn: '2012-05-08',
  },
  {
    id: 'decree-641-1997',
    kind: 'presidential-decree',
    titleAz: '"Ədəbiyyat və incəsənət xadimlərinə dövlət qayğısının artırılması haqqında" Fərman',
    titleEn: 'Presidential Decree "On increasing state care for figures of literature and art"',
    number: '641',
    adoptedOn: '1997-11-10',
  },
  {
    id: 'order-justice-programme-2009',
    kind: 'presidential-order',
    titleAz: 'Ədliyyənin inkişafı üzrə 2009–2013-cü illər üçün Dövlət Proqramı',
    titleEn: 'Presidential Order: State Programme for the development of justice 2009–2013',
    number: null,
    adoptedOn: '2009-02-06',
  },
  {
    id: 'order-open-government-2012',
    kind: 'presidential-order',
    titleAz:
      'Açıq hökumətin təşviqi və korrupsiyaya qarşı mübarizə üzrə 2012–2015-ci illər üçün Milli Fəaliyyət Planları',
    titleEn:
      'Presidential Order: National Action Plans on promoting Open Government and on combating corruption, 2012–2015',
    number: null,
    adoptedOn: '2012-09-05',
  },
  {
    id: 'cabinet-143-2006',
    kind: 'cabinet-decision',
    titleAz: '"Elektron sağlamlıq kartı" sisteminin tətbiqi Qaydaları',
    titleEn: 'Cabinet decision: "Rules for applying the \'Electronic health card\' system"',
    number: '143',
    adoptedOn: '2006-06-12',
  },
  {
    id: 'cabinet-237-2010',
    kind: 'cabinet-decision',
    titleAz: 'Dövlət qeydiyyatı tələb olunmayan fərdi məlumatların informasiya sistemləri',
    titleEn:
      'Cabinet decision: "Personal-data information systems not requiring state registration"',
    number: '237',
    adoptedOn: '2010-12-17',
  },
  {
    id: 'cabinet-191-2011',
    kind: 'cabinet-decision',
    titleAz:
      'Mərkəzi icra hakimiyyəti orqanları tərəfindən elektron xidmətlərin göstərilməsi Qaydaları',
    titleEn:
      'Cabinet decision: Rules for e-services of central executive bodies; List of e-service types',
    number: '191',
    adoptedOn: '2011-11-24',
  },
  {
    id: 'cabinet-142-2012',
    kind: 'cabinet-decision',
    titleAz: 'Normativ hüquqi aktların layihələrinin portalda yerləşdirilməsi Qaydaları',
    titleEn: 'Cabinet decision: Rules for placing drafts of normative legal acts on the portal',
    number: '142',
    adoptedOn: '2012-06-25',
  },
  {
    id: 'cabinet-235-2012',
    kind: 'cabinet-decision',
    titleAz: 'Elektron xidmətlərin təsdiq edilməsi haqqında qərar',
    titleEn: 'Cabinet decision approving e-services (integration into the portal)',
    number: '235',
    adoptedOn: '2012-10-17',
  },
  {
    id: 'cabinet-308-2021',
    kind: 'cabinet-decision',
    titleAz:
      'İcbari tibbi sığorta üzrə məlumat bazasının formalaşdırılması və istifadəsi Qaydaları',
    titleEn: 'Cabinet decision: compulsory medical insurance database Rules',
    number: '308',
    adoptedOn: '2021-10-13',
  },
  {
    id: 'cabinet-113-2025',
    kind: 'cabinet-decision',
    titleAz:
      'Uşaq hüquqlarının həyata keçirilməsinə dair elektron məlumat bankının təşkili və aparılması Qaydaları (yeni redaksiya)',
    titleEn: 'Cabinet decision: new edition of the child-rights data bank Rules',
    number: '113',
    adoptedOn: '2025-04-17',
  },
  {
    id: 'health-collegium-05-2013',
    kind: 'ministry-decision',
    titleAz: 'Səhiyyə Nazirliyi Kollegiyasının "Elektron sağlamlıq kartı" inzibati reqlamenti',
    titleEn: 'Ministry of Health Collegium decision: health-card regulation',
    number: '05',
    adoptedOn: '2013-02-04',
  },
  {
    id: 'regulation-state-registers',
    kind: 'cabinet-decision',
    titleAz:
      'Dövlət informasiya ehtiyatlarının reyestrinin aparılması haqqında Əsasnamə; fərdi məlumatların informasiya sistemlərinin dövlət qeydiyyatı Qaydaları',
    titleEn:
      '"Regulation on keeping the register of state information resources" and "Rules for state registration of personal-data information systems"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'concept-e-court-notices',
    kind: 'concept',
    titleAz: 'Elektron məhkəmə bildirişlərinin tətbiqi Konsepsiyası',
    titleEn: 'Concept "on the application of electronic court notices"',
    number: null,
    adoptedOn: null,
  },
  {
    id: 'ritn-ict-year-plan-2013',
    kind: 'action-plan',
    titleAz: '"İKT ili" üzrə RİTN Fəaliyyət Planı',
    titleEn: 'RİTN Action Plan for the "Year of ICT" (2013)',
    number: null,
    adoptedOn: null,
  },
];
