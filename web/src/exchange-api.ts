import { arrayOf, isRecord, isStringArray, type Parser } from './api.ts';

/**
 * The exchange operations the operator console uses (src/exchange/exchange.schema.ts), checked
 * at this boundary. Only the fields the console shows are kept; enumerations the server may grow
 * (status, classification) stay strings, shown as sent until the catalogs know them.
 */

export const MEMBER_STATUSES = ['active', 'suspended'] as const;
export const DATA_CLASSIFICATIONS = ['open', 'official-use', 'restricted'] as const;
/** MonitoringQuery.window, shortest first. */
export const MONITORING_WINDOWS = ['5m', '1h', '24h', '7d'] as const;
export type MonitoringWindow = (typeof MONITORING_WINDOWS)[number];
/** The API's default too. */
export const DEFAULT_MONITORING_WINDOW: MonitoringWindow = '1h';

function isNullableString(value: unknown): value is string | null {
  return typeof value === 'string' || value === null;
}

export interface Subsystem {
  code: string;
  name: string;
}

export interface MemberEvent {
  event: string;
  reason: string | null;
  at: string;
}

/** operationId listMembers (ExchangeMember). */
export interface Member {
  code: string;
  nameAz: string;
  nameEn: string;
  status: string;
  statusReason: string | null;
  subsystems: Subsystem[];
  history: MemberEvent[];
}

const parseSubsystem: Parser<Subsystem> = (value) => {
  if (!isRecord(value)) return undefined;
  const { code, name } = value;
  if (typeof code !== 'string' || typeof name !== 'string') return undefined;
  return { code, name };
};

const parseMemberEvent: Parser<MemberEvent> = (value) => {
  if (!isRecord(value)) return undefined;
  const { event, reason, at } = value;
  if (typeof event !== 'string' || !isNullableString(reason) || typeof at !== 'string') {
    return undefined;
  }
  return { event, reason, at };
};

const parseSubsystems = arrayOf(parseSubsystem);
const parseHistory = arrayOf(parseMemberEvent);

export const parseMember: Parser<Member> = (value) => {
  if (!isRecord(value)) return undefined;
  const { code, nameAz, nameEn, status, statusReason } = value;
  const subsystems = parseSubsystems(value.subsystems);
  // An older server without the history still has everything else to show.
  const history = value.history === undefined ? [] : parseHistory(value.history);
  if (
    typeof code !== 'string' ||
    typeof nameAz !== 'string' ||
    typeof nameEn !== 'string' ||
    typeof status !== 'string' ||
    !isNullableString(statusReason) ||
    subsystems === undefined ||
    history === undefined
  ) {
    return undefined;
  }
  return { code, nameAz, nameEn, status, statusReason, subsystems, history };
};

export const parseMembers = arrayOf(parseMember);

/** operationId listExchangeServices; the request and response contracts are not shown here. */
export interface ExchangeService {
  id: string;
  version: number;
  titleAz: string;
  titleEn: string;
  dataClassification: string;
  timeoutMs: number;
}

export const parseExchangeService: Parser<ExchangeService> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, version, titleAz, titleEn, dataClassification, timeoutMs } = value;
  if (
    typeof id !== 'string' ||
    typeof version !== 'number' ||
    typeof titleAz !== 'string' ||
    typeof titleEn !== 'string' ||
    typeof dataClassification !== 'string' ||
    typeof timeoutMs !== 'number'
  ) {
    return undefined;
  }
  return { id, version, titleAz, titleEn, dataClassification, timeoutMs };
};

export const parseExchangeServices = arrayOf(parseExchangeService);

/** operationId listLegalActs. */
export interface LegalAct {
  id: string;
  titleAz: string;
  titleEn: string;
  number: string | null;
  adoptedOn: string | null;
}

const parseLegalAct: Parser<LegalAct> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, titleAz, titleEn, number, adoptedOn } = value;
  if (
    typeof id !== 'string' ||
    typeof titleAz !== 'string' ||
    typeof titleEn !== 'string' ||
    !isNullableString(number) ||
    !isNullableString(adoptedOn)
  ) {
    return undefined;
  }
  return { id, titleAz, titleEn, number, adoptedOn };
};

export const parseLegalActs = arrayOf(parseLegalAct);

export interface LegalBasis {
  actId: string;
  actTitle: string;
  actNumber: string | null;
  actDate: string | null;
  article: string | null;
}

/** operationId listAccessGrants. */
export interface AccessGrant {
  id: string;
  client: string;
  service: string;
  legalBasis: LegalBasis;
  purposes: string[];
  dataItems: string[];
  validFrom: string;
  validUntil: string | null;
  /** Who checked the legal basis before admission, and when (EHIS-001-5.1). */
  verifiedBy: string;
  verifiedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  active: boolean;
}

const parseLegalBasis: Parser<LegalBasis> = (value) => {
  if (!isRecord(value)) return undefined;
  const { actId, actTitle, actNumber, actDate, article } = value;
  if (
    typeof actId !== 'string' ||
    typeof actTitle !== 'string' ||
    !isNullableString(actNumber) ||
    !isNullableString(actDate) ||
    !isNullableString(article)
  ) {
    return undefined;
  }
  return { actId, actTitle, actNumber, actDate, article };
};

export const parseAccessGrant: Parser<AccessGrant> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, client, service, purposes, dataItems, validFrom, validUntil } = value;
  const { verifiedBy, verifiedAt, revokedAt, revokedBy, revocationReason, active } = value;
  const legalBasis = parseLegalBasis(value.legalBasis);
  if (
    typeof id !== 'string' ||
    typeof client !== 'string' ||
    typeof service !== 'string' ||
    legalBasis === undefined ||
    !isStringArray(purposes) ||
    !isStringArray(dataItems) ||
    typeof validFrom !== 'string' ||
    !isNullableString(validUntil) ||
    typeof verifiedBy !== 'string' ||
    typeof verifiedAt !== 'string' ||
    !isNullableString(revokedAt) ||
    !isNullableString(revokedBy) ||
    !isNullableString(revocationReason) ||
    typeof active !== 'boolean'
  ) {
    return undefined;
  }
  return {
    id,
    client,
    service,
    legalBasis,
    purposes,
    dataItems,
    validFrom,
    validUntil,
    verifiedBy,
    verifiedAt,
    revokedAt,
    revokedBy,
    revocationReason,
    active,
  };
};

export const parseAccessGrants = arrayOf(parseAccessGrant);

/** operationId getExchangeMonitoring (ExchangeMonitoring). */
export interface MonitoringRow {
  service: string;
  client: string;
  calls: number;
  errors: number;
  refused: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Monitoring {
  window: string;
  from: string;
  to: string;
  rows: MonitoringRow[];
}

const parseMonitoringRow: Parser<MonitoringRow> = (value) => {
  if (!isRecord(value)) return undefined;
  const { service, client, calls, errors, refused, p50Ms, p95Ms, p99Ms } = value;
  if (
    typeof service !== 'string' ||
    typeof client !== 'string' ||
    typeof calls !== 'number' ||
    typeof errors !== 'number' ||
    typeof refused !== 'number' ||
    typeof p50Ms !== 'number' ||
    typeof p95Ms !== 'number' ||
    typeof p99Ms !== 'number'
  ) {
    return undefined;
  }
  return { service, client, calls, errors, refused, p50Ms, p95Ms, p99Ms };
};

const parseMonitoringRows = arrayOf(parseMonitoringRow);

export const parseMonitoring: Parser<Monitoring> = (value) => {
  if (!isRecord(value)) return undefined;
  const { window, from, to } = value;
  const rows = parseMonitoringRows(value.rows);
  if (
    typeof window !== 'string' ||
    typeof from !== 'string' ||
    typeof to !== 'string' ||
    rows === undefined
  ) {
    return undefined;
  }
  return { window, from, to, rows };
};
