import providersJson from './providers.json' with { type: 'json' };
import domainsJson from './domains.json' with { type: 'json' };
import seedServicesJson from './seed-services.json' with { type: 'json' };
import healthCardRegulationJson from './health-card-regulation.json' with { type: 'json' };

/**
 * Reference data for the e-service registry (issue 5), extracted from the source documents in
 * shared/seeds (000–004). See README.md in this folder for where each file comes from and the
 * decisions taken. Azerbaijani strings are as the seeds print them (whitespace normalised only).
 *
 * Source references: "002 table row N" is row N of the 45-row table ¶T-INTEGR of seed 002;
 * "002 ¶KEY" uses the article keys of requirements.md §0.2; "000 §x", "001 §x", "003 D§x",
 * "004 §x" are clauses of the other seeds.
 */

export type ProviderKind =
  | 'ministry'
  | 'state-committee'
  | 'state-agency'
  | 'service'
  | 'fund'
  | 'other-state-body'
  | 'court'
  | 'other';

export const PROVIDER_KINDS: readonly ProviderKind[] = [
  'ministry',
  'state-committee',
  'state-agency',
  'service',
  'fund',
  'other-state-body',
  'court',
  'other',
];

/** A state body or organisation named in the seeds (glossary §12 codes where defined). */
export interface Provider {
  /** Stable kebab-case code (glossary §12). */
  readonly code: string;
  /** Name as the seed prints it (for the 45 agencies of ¶T-INTEGR: the table's form). */
  readonly nameAz: string;
  readonly nameEn: string;
  readonly kind: ProviderKind;
  /** Abbreviation, only where a seed writes one (e.g. RİTN, DSMF). */
  readonly abbrAz?: string;
  /** Full official form where a seed writes one ("Azərbaycan Respublikasının …"). */
  readonly nameAzFull?: string;
  readonly nameEnFull?: string;
  /** Other spellings of the same body in the seeds (useful for matching, not for display). */
  readonly nameAzVariants?: readonly string[];
  /** Code of the body this one is a subordinate unit of. */
  readonly parent?: string;
  /** Where the body is named, e.g. "002 table row 14", "000 §1.4". */
  readonly sources: readonly string[];
  /** Renamings, mergers, spelling remarks. Not from the seeds unless it says so. */
  readonly note?: string;
}

/** One of the 29 areas of 003 §3.1. */
export interface Domain {
  readonly code: string;
  /** As printed in 003 §3.1 (lower case, as in the list). */
  readonly nameAz: string;
  readonly nameEn: string;
  /** nameAz with its first letter capitalised by Azerbaijani rules (i → İ), for display. */
  readonly titleAz: string;
  readonly titleEn: string;
  /** '3.1.1' … '3.1.29'. */
  readonly clause: string;
}

export type ServiceType = 'informative' | 'interactive';
export type ServiceUser = 'natural-persons' | 'legal-persons' | 'state-bodies' | 'others';

export const SERVICE_USERS: readonly ServiceUser[] = [
  'natural-persons',
  'legal-persons',
  'state-bodies',
  'others',
];

/** An e-service named in seed 002 (plus the health-card service of seed 000). */
export interface SeedService {
  readonly key: string;
  /** As the seed prints it (misprints kept and flagged in `note`). */
  readonly nameAz: string;
  readonly nameEn: string;
  /** Other wordings of the same service elsewhere in the seeds. */
  readonly nameAzVariants?: readonly string[];
  /** Provider code (providers.json). */
  readonly provider: string;
  /** Domain code (domains.json): our best mapping; the seeds never state one. */
  readonly domain: string;
  readonly type: ServiceType;
  /** true when the seed does not state the type and we decided it. */
  readonly typeDecided?: true;
  readonly paid: boolean;
  /** true when the seed says nothing about payment and `paid` is the default `false`. */
  readonly paidDecided?: true;
  readonly users: readonly ServiceUser[];
  /** true when the seed does not state the users and we decided them. */
  readonly usersDecided?: true;
  /** Where the seed names it, e.g. "002 ¶HEALTH L07", "002 ¶T-TOP10 rank 1". */
  readonly source: string;
  readonly alsoIn?: readonly string[];
  readonly url?: string;
  /** Usage figure printed in 002 ¶T-TOP10. */
  readonly usage?: { readonly period: string; readonly rank: number; readonly uses: number };
  /** File name of its administrative regulation, where one is in this folder. */
  readonly regulation?: string;
  readonly note?: string;
}

/** Fields of a regulation, following the 003 Appendix 1 template. */
export interface RegulationField {
  /** Template clause: '1.1' … '3.6.3', plus '2.6-N1'/'2.6-N2' for the notes of 2.6. */
  readonly clause: string;
  /** The template's label (003 A1), as printed. */
  readonly labelAz: string;
  readonly labelEn: string;
  /** The template's explanatory line under the blank, where it has one. */
  readonly hintAz?: string;
  readonly hintEn?: string;
  /** The seed's own clause number (seed 000 numbers part 3 one lower than the template). */
  readonly seedClause: string | null;
  /** The label as the seed prints it. */
  readonly seedLabelAz?: string;
  /** The seed's text for the field (after the label); null when the seed gives none. */
  readonly az: string | null;
  readonly en: string | null;
  /** The seed does not fill this field. */
  readonly missing?: true;
  /** The field does not apply to this service (e.g. 2.2.1 for a free service). */
  readonly notApplicable?: true;
  /** A heading that groups sub-clauses (may or may not carry text in the seed). */
  readonly group?: true;
  readonly note?: string;
  /** Structured values, present on the relevant fields. */
  readonly items?: readonly {
    readonly seedClause: string;
    /** Id in src/exchange/legal-acts.ts. */
    readonly legalActId: string;
    readonly provisionAz: string | null;
    readonly az: string;
    readonly en: string;
  }[];
  readonly providerCode?: string;
  readonly coExecutors?: readonly string[];
  readonly automationLevel?: 'full' | 'partial';
  readonly executionPeriod?: {
    readonly min: string | null;
    readonly max: string | null;
    readonly rule: 'system-processing-time' | 'bounded';
  };
  readonly templateNotes?: readonly {
    readonly note: number;
    readonly appliesHere: boolean;
    readonly az: string;
    readonly en: string;
  }[];
  readonly type?: ServiceType;
  readonly paid?: boolean;
  readonly payment?: {
    readonly amount: string | null;
    readonly legalBasis: string | null;
    readonly bankRequisites: string | null;
    readonly paymentMethods: readonly string[] | null;
  };
  readonly users?: readonly ServiceUser[];
  readonly urls?: readonly string[];
  readonly contact?: {
    readonly webAddresses: readonly string[];
    readonly email: string;
    readonly phone: string;
  };
  readonly documents?: readonly {
    readonly id: string;
    readonly nameAz: string;
    readonly nameEn: string;
    /** Held in a state body's information resource (template 2.6.1) or not (2.6.2). */
    readonly heldByState: boolean;
    readonly seedClause: string;
    readonly submissionAz: string;
    readonly submissionEn: string;
  }[];
  readonly attachedForms?: readonly string[];
  readonly adminOperations?: readonly unknown[];
  readonly controllerCode?: string;
  readonly responsibleCode?: string;
  readonly complaintChannels?: readonly {
    readonly kind: 'paper' | 'electronic';
    readonly address: string | null;
    readonly addressAz?: string;
    readonly addressEn?: string;
  }[];
  readonly reviewPeriod?: {
    readonly days: number;
    readonly extendedDays: number;
    /** The seed says "gün" (days) without saying calendar or working days. */
    readonly dayKind: 'unspecified' | 'calendar' | 'working';
  };
}

export interface RegulationSection {
  readonly number: string;
  readonly titleAz: string;
  readonly titleEn: string;
  readonly fields: readonly RegulationField[];
}

/** The administrative regulation of seed 000, structured by the 003 Appendix 1 template. */
export interface HealthCardRegulation {
  readonly serviceKey: string;
  readonly providerCode: string;
  readonly domain: string;
  readonly source: string;
  readonly template: string;
  readonly note: string;
  readonly approval: {
    readonly labelAz: string;
    readonly labelEn: string;
    readonly hintAz: string;
    readonly hintEn: string;
    readonly az: string;
    readonly en: string;
    readonly approvedByAz: string;
    readonly approvedByEn: string;
    readonly providerCode: string;
    readonly decisionNumber: string;
    /** ISO date. */
    readonly date: string;
    readonly headName: string | null;
    readonly signature: string | null;
    readonly seal: string | null;
    /** Names of the approval-block parts the seed does not give. */
    readonly missing: readonly string[];
    readonly note: string;
  };
  readonly title: {
    readonly labelAz: string;
    readonly labelEn: string;
    readonly az: string;
    readonly en: string;
    readonly note: string;
  };
  readonly sections: readonly RegulationSection[];
}

/** The data are shared by every caller, so they are frozen once, deeply. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const providers = deepFreeze(providersJson as readonly Provider[]);
const domains = deepFreeze(domainsJson as readonly Domain[]);
const seedServices = deepFreeze(seedServicesJson as readonly SeedService[]);
const healthCardRegulation = deepFreeze(healthCardRegulationJson as HealthCardRegulation);

/** Every agency named in the seeds: the 45 of 002 ¶T-INTEGR first, in table order, then others. */
export function loadProviders(): readonly Provider[] {
  return providers;
}

/** The 29 areas of 003 §3.1, in order. */
export function loadDomains(): readonly Domain[] {
  return domains;
}

/** The e-services seed 002 names, with the health-card service of seed 000. */
export function loadSeedServices(): readonly SeedService[] {
  return seedServices;
}

/** The regulation of seed 000 (electronic health card service). */
export function loadHealthCardRegulation(): HealthCardRegulation {
  return healthCardRegulation;
}
