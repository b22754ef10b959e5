import { arrayOf, isOneOf, isRecord, isStringArray, type Parser } from './api.ts';
import type { MyRole } from './staff-api.ts';

/** The e-services registry and its catalogue (src/registry/registry.schema.ts). */

export const SERVICE_TYPES = ['informative', 'interactive'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_USERS = [
  'natural-persons',
  'legal-persons',
  'state-bodies',
  'others',
] as const;
export type ServiceUser = (typeof SERVICE_USERS)[number];
export const APPLICATION_KINDS = ['register', 'modify', 'cancel'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The registry operator works for the platform's own ministry. */
const OPERATOR_MEMBER = 'digital-development-transport';

export function isRegistryOperator(roles: readonly MyRole[]): boolean {
  return roles.some(
    (r) => r.role === 'operator' && r.module === 'registry' && r.member === OPERATOR_MEMBER,
  );
}

/** The agencies whose registry applications the person makes: staff on the registry, or head. */
export function registryAgenciesOf(roles: readonly MyRole[]): string[] {
  const members = roles
    .filter((r) => (r.role === 'staff' && r.module === 'registry') || r.role === 'head')
    .map((r) => r.member);
  return [...new Set(members)].sort();
}

export interface Named {
  code: string;
  nameAz: string;
  nameEn: string;
}

const str = (value: unknown): value is string => typeof value === 'string';
const nullableStr = (value: unknown): value is string | null => value === null || str(value);

function parseNamed(value: unknown): Named | undefined {
  if (!isRecord(value)) return undefined;
  const { code, nameAz, nameEn } = value;
  return str(code) && str(nameAz) && str(nameEn) ? { code, nameAz, nameEn } : undefined;
}

/** listProviders */
export const parseProviders: Parser<Named[]> = arrayOf(parseNamed);

/** listDomains */
export interface Domain extends Named {
  clause: string;
}
export const parseDomains: Parser<Domain[]> = arrayOf((value) => {
  const named = parseNamed(value);
  if (named === undefined || !isRecord(value) || !str(value.clause)) return undefined;
  return { ...named, clause: value.clause };
});

export interface Texts {
  az: string;
  en: string;
}
function parseTexts(value: unknown): Texts | undefined {
  if (!isRecord(value)) return undefined;
  const { az, en } = value;
  return str(az) && str(en) ? { az, en } : undefined;
}

function parseUsers(value: unknown): ServiceUser[] | undefined {
  if (!isStringArray(value)) return undefined;
  const users = value.filter((u): u is ServiceUser => isOneOf(SERVICE_USERS, u));
  return users.length === value.length ? users : undefined;
}

export interface ServiceSummary {
  registryNumber: string;
  name: Texts;
  agency: Named;
  domain: Named;
  type: ServiceType;
  paid: boolean;
  users: ServiceUser[];
}

function parseServiceSummary(value: unknown): ServiceSummary | undefined {
  if (!isRecord(value)) return undefined;
  const { registryNumber, type, paid } = value;
  const name = parseTexts(value.name);
  const agency = parseNamed(value.agency);
  const domain = parseNamed(value.domain);
  const users = parseUsers(value.users);
  if (
    !str(registryNumber) ||
    name === undefined ||
    agency === undefined ||
    domain === undefined ||
    users === undefined ||
    !str(type) ||
    !isOneOf(SERVICE_TYPES, type) ||
    typeof paid !== 'boolean'
  ) {
    return undefined;
  }
  return { registryNumber, name, agency, domain, type, paid, users };
}

/** listServices */
export interface ServiceList {
  items: ServiceSummary[];
  total: number;
}
export const parseServiceList: Parser<ServiceList> = (value) => {
  if (!isRecord(value) || typeof value.total !== 'number') return undefined;
  const items = arrayOf(parseServiceSummary)(value.items);
  return items === undefined ? undefined : { items, total: value.total };
};

export interface LegalBasisItem {
  legalActId: string;
  clauses: string;
}
function parseLegalBasisItem(value: unknown): LegalBasisItem | undefined {
  if (!isRecord(value)) return undefined;
  const { legalActId, clauses } = value;
  return str(legalActId) && str(clauses) ? { legalActId, clauses } : undefined;
}

/** getService */
export interface ServiceDetail extends ServiceSummary {
  status: 'registered' | 'cancelled';
  version: number;
  content: Texts;
  otherExecutors: string[];
  legalBasis: LegalBasisItem[];
  identificationRequired: boolean;
  webAddress: string;
  registeredAt: string;
  modifiedAt: string;
  /** Its published administrative regulation (getRegulation), or null if none is published. */
  regulation: RegulationRef | null;
}

/** One clause of a regulation laid out on the Appendix 1 template (as the PDF shows it). */
export interface OutlineItem {
  clause: string;
  label: string;
  heading: boolean;
  text: string | null;
  extra: string[];
}

export interface OutlineSection {
  number: string;
  title: string;
  items: OutlineItem[];
}

/** The published regulation: its version and the document in Azerbaijani and English. */
export interface RegulationRef {
  version: number;
  publishedAt: string | null;
  outline: { az: OutlineSection[]; en: OutlineSection[] };
}

const parseOutlineItem: Parser<OutlineItem> = (value) => {
  if (!isRecord(value)) return undefined;
  const { clause, label, heading, text, extra } = value;
  if (!str(clause) || !str(label) || typeof heading !== 'boolean' || !nullableStr(text)) {
    return undefined;
  }
  return isStringArray(extra) ? { clause, label, heading, text, extra } : undefined;
};

const parseOutlineSection: Parser<OutlineSection> = (value) => {
  if (!isRecord(value) || !str(value.number) || !str(value.title)) return undefined;
  const items = arrayOf(parseOutlineItem)(value.items);
  return items === undefined ? undefined : { number: value.number, title: value.title, items };
};

function parseRegulationRef(value: unknown): RegulationRef | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || typeof value.version !== 'number') return undefined;
  const { publishedAt, outline } = value;
  if (!nullableStr(publishedAt) || !isRecord(outline)) return undefined;
  const az = arrayOf(parseOutlineSection)(outline.az);
  const en = arrayOf(parseOutlineSection)(outline.en);
  if (az === undefined || en === undefined) return undefined;
  return { version: value.version, publishedAt, outline: { az, en } };
}
export const parseServiceDetail: Parser<ServiceDetail> = (value) => {
  const summary = parseServiceSummary(value);
  if (summary === undefined || !isRecord(value)) return undefined;
  const { status, version, identificationRequired, webAddress, registeredAt, modifiedAt } = value;
  const content = parseTexts(value.content);
  const legalBasis = arrayOf(parseLegalBasisItem)(value.legalBasis);
  const regulation = parseRegulationRef(value.regulation);
  if (
    (status !== 'registered' && status !== 'cancelled') ||
    typeof version !== 'number' ||
    content === undefined ||
    !isStringArray(value.otherExecutors) ||
    legalBasis === undefined ||
    typeof identificationRequired !== 'boolean' ||
    !str(webAddress) ||
    !str(registeredAt) ||
    !str(modifiedAt) ||
    regulation === undefined
  ) {
    return undefined;
  }
  return {
    ...summary,
    status,
    version,
    content,
    otherExecutors: value.otherExecutors,
    legalBasis,
    identificationRequired,
    webAddress,
    registeredAt,
    modifiedAt,
    regulation,
  };
};

/** The Appendix 2 fields of an application, exactly as signed. */
export interface ApplicationFields {
  kind: ApplicationKind;
  registryNumber?: string;
  provider: string;
  nameAz: string;
  nameEn: string;
  otherExecutors: string[];
  contentAz: string;
  contentEn: string;
  legalBasis: LegalBasisItem[];
  type: ServiceType;
  paid: boolean;
  users: ServiceUser[];
  webAddress: string;
  domain: string;
}

function parseFields(value: unknown): ApplicationFields | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, registryNumber, provider, nameAz, nameEn, contentAz, contentEn } = value;
  const { type, paid, webAddress, domain } = value;
  const legalBasis = arrayOf(parseLegalBasisItem)(value.legalBasis);
  const users = parseUsers(value.users);
  if (
    !str(kind) ||
    !isOneOf(APPLICATION_KINDS, kind) ||
    (registryNumber !== undefined && !str(registryNumber)) ||
    ![provider, nameAz, nameEn, contentAz, contentEn, webAddress, domain].every(str) ||
    !isStringArray(value.otherExecutors) ||
    legalBasis === undefined ||
    users === undefined ||
    !str(type) ||
    !isOneOf(SERVICE_TYPES, type) ||
    typeof paid !== 'boolean'
  ) {
    return undefined;
  }
  return {
    kind,
    ...(registryNumber === undefined ? {} : { registryNumber }),
    provider: provider as string,
    nameAz: nameAz as string,
    nameEn: nameEn as string,
    otherExecutors: value.otherExecutors,
    contentAz: contentAz as string,
    contentEn: contentEn as string,
    legalBasis,
    type,
    paid,
    users,
    webAddress: webAddress as string,
    domain: domain as string,
  };
}

/** listRegistryApplications */
export interface Application {
  id: string;
  kind: ApplicationKind;
  provider: string;
  registryNumber: string | null;
  fields: ApplicationFields;
  submittedBy: string;
  signedBy: string;
  submittedAt: string;
  receivedOn: string;
  dueDate: string;
  status: ApplicationStatus;
  overdue: boolean;
  decidedAt: string | null;
  refusalReason: string | null;
}
export const parseApplications: Parser<Application[]> = arrayOf((value) => {
  if (!isRecord(value)) return undefined;
  const { id, kind, provider, registryNumber, submittedBy, signedBy, submittedAt } = value;
  const { receivedOn, dueDate, status, overdue, decidedAt, refusalReason } = value;
  const fields = parseFields(value.fields);
  if (
    ![id, provider, submittedBy, signedBy, submittedAt, receivedOn, dueDate].every(str) ||
    !str(kind) ||
    !isOneOf(APPLICATION_KINDS, kind) ||
    !str(status) ||
    !isOneOf(APPLICATION_STATUSES, status) ||
    ![registryNumber, decidedAt, refusalReason].every(nullableStr) ||
    typeof overdue !== 'boolean' ||
    fields === undefined
  ) {
    return undefined;
  }
  return {
    id: id as string,
    kind,
    provider: provider as string,
    registryNumber: registryNumber as string | null,
    fields,
    submittedBy: submittedBy as string,
    signedBy: signedBy as string,
    submittedAt: submittedAt as string,
    receivedOn: receivedOn as string,
    dueDate: dueDate as string,
    status,
    overdue,
    decidedAt: decidedAt as string | null,
    refusalReason: refusalReason as string | null,
  };
});

/** submitRegistryApplication */
export interface Submitted {
  applicationId: string;
  dueDate: string;
}
export const parseSubmitted: Parser<Submitted> = (value) => {
  if (!isRecord(value)) return undefined;
  const { applicationId, dueDate } = value;
  return str(applicationId) && str(dueDate) ? { applicationId, dueDate } : undefined;
};

/** decideRegistryApplication */
export interface Decided {
  status: ApplicationStatus;
  registryNumber: string | null;
}
export const parseDecided: Parser<Decided> = (value) => {
  if (!isRecord(value)) return undefined;
  const { status, registryNumber } = value;
  if (!str(status) || !isOneOf(APPLICATION_STATUSES, status) || !nullableStr(registryNumber)) {
    return undefined;
  }
  return { status, registryNumber };
};

/** listRegistryNotifications */
export interface RegistryNotification {
  id: string;
  provider: string;
  applicationId: string;
  kind: 'approved' | 'refused';
  registryNumber: string | null;
  reason: string | null;
  createdAt: string;
}
export const parseNotifications: Parser<RegistryNotification[]> = arrayOf((value) => {
  if (!isRecord(value)) return undefined;
  const { id, provider, applicationId, kind, registryNumber, reason, createdAt } = value;
  if (
    ![id, provider, applicationId, createdAt].every(str) ||
    (kind !== 'approved' && kind !== 'refused') ||
    !nullableStr(registryNumber) ||
    !nullableStr(reason)
  ) {
    return undefined;
  }
  return {
    id: id as string,
    provider: provider as string,
    applicationId: applicationId as string,
    kind,
    registryNumber,
    reason,
    createdAt: createdAt as string,
  };
});

/** getServiceUsage */
export interface UsageRow {
  registryNumber: string;
  month: string;
  uses: number;
}
export const parseUsage: Parser<UsageRow[]> = arrayOf((value) => {
  if (!isRecord(value)) return undefined;
  const { registryNumber, month, uses } = value;
  return str(registryNumber) && str(month) && typeof uses === 'number'
    ? { registryNumber, month, uses }
    : undefined;
});

/** A name in the interface language: Azerbaijani, or English for the en and ru interfaces. */
export function localName(
  texts: { az: string; en: string },
  language: string,
): { text: string; lang: 'az' | 'en' } {
  return language === 'az' ? { text: texts.az, lang: 'az' } : { text: texts.en, lang: 'en' };
}
