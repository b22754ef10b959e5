import { arrayOf, isOneOf, isRecord, type Parser } from './api.ts';

/** Shapes of the complaints (fileComplaint, listMyComplaints) and discussion APIs (listDraftActs). */

const str = (value: unknown): value is string => typeof value === 'string';
const strOrNull = (value: unknown): value is string | null => value === null || str(value);

export const COMPLAINT_STATUSES = ['received', 'answered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export interface Complaint {
  complaintId: string;
  requestId: string | null;
  registryNumber: string;
  agency: string;
  subjectFin: string;
  filedBy: string;
  subject: string;
  text: string;
  filedAt: string;
  periodDays: number;
  dueDate: string;
  overdue: boolean;
  status: ComplaintStatus;
  extension: { extendedAt: string; reason: string } | null;
  answer: { text: string; answeredAt: string; courtNotice: string } | null;
}

function parseComplaint(value: unknown): Complaint | undefined {
  if (!isRecord(value)) return undefined;
  const { complaintId, requestId, registryNumber, agency, subjectFin, filedBy, subject, text } =
    value;
  const { filedAt, periodDays, dueDate, overdue, status, extension, answer } = value;
  if (![complaintId, registryNumber, agency, subjectFin, filedBy, subject, text].every(str)) {
    return undefined;
  }
  if (!strOrNull(requestId) || !str(filedAt) || !str(dueDate)) return undefined;
  if (typeof periodDays !== 'number' || typeof overdue !== 'boolean') return undefined;
  if (!str(status) || !isOneOf(COMPLAINT_STATUSES, status)) return undefined;
  let ext: Complaint['extension'] = null;
  if (extension !== null) {
    if (!isRecord(extension) || !str(extension.extendedAt) || !str(extension.reason)) {
      return undefined;
    }
    ext = { extendedAt: extension.extendedAt, reason: extension.reason };
  }
  let ans: Complaint['answer'] = null;
  if (answer !== null) {
    if (
      !isRecord(answer) ||
      !str(answer.text) ||
      !str(answer.answeredAt) ||
      !str(answer.courtNotice)
    ) {
      return undefined;
    }
    ans = { text: answer.text, answeredAt: answer.answeredAt, courtNotice: answer.courtNotice };
  }
  return {
    complaintId: complaintId as string,
    requestId,
    registryNumber: registryNumber as string,
    agency: agency as string,
    subjectFin: subjectFin as string,
    filedBy: filedBy as string,
    subject: subject as string,
    text: text as string,
    filedAt,
    periodDays,
    dueDate,
    overdue,
    status,
    extension: ext,
    answer: ans,
  };
}

/** listMyComplaints */
export const parseComplaints: Parser<Complaint[]> = arrayOf(parseComplaint);

/** fileComplaint */
export interface FiledComplaint {
  complaintId: string;
  dueDate: string;
}
export const parseFiledComplaint: Parser<FiledComplaint> = (value) =>
  isRecord(value) && str(value.complaintId) && str(value.dueDate)
    ? { complaintId: value.complaintId, dueDate: value.dueDate }
    : undefined;

export const DISCUSSION_STATUSES = ['open', 'closed'] as const;
export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];
export const SUBJECT_KINDS = ['draft-act', 'regulation'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface DraftActSummary {
  draftActId: string;
  kind: SubjectKind;
  agency: string;
  title: { az: string; en: string };
  publishedAt: string;
  closesAt: string;
  status: DiscussionStatus;
  commentCount: number;
  summaryPublished: boolean;
}

export interface DraftComment {
  commentId: string;
  text: string;
  createdAt: string;
  mine: boolean;
}

export interface DraftAct extends DraftActSummary {
  text: string;
  attachmentId: string | null;
  summary: { text: string; publishedAt: string } | null;
  comments: DraftComment[];
}

function parseDraftSummary(value: unknown): DraftActSummary | undefined {
  if (!isRecord(value) || !isRecord(value.subject) || !isRecord(value.title)) return undefined;
  const { draftActId, agency, publishedAt, closesAt, status, commentCount, summaryPublished } =
    value;
  const kind = value.subject.kind;
  const { az, en } = value.title;
  if (![draftActId, agency, publishedAt, closesAt, az, en].every(str)) return undefined;
  if (!str(kind) || !isOneOf(SUBJECT_KINDS, kind)) return undefined;
  if (!str(status) || !isOneOf(DISCUSSION_STATUSES, status)) return undefined;
  if (typeof commentCount !== 'number' || typeof summaryPublished !== 'boolean') return undefined;
  return {
    draftActId: draftActId as string,
    kind,
    agency: agency as string,
    title: { az: az as string, en: en as string },
    publishedAt: publishedAt as string,
    closesAt: closesAt as string,
    status,
    commentCount,
    summaryPublished,
  };
}

/** listDraftActs */
export interface DraftActList {
  items: DraftActSummary[];
  total: number;
}
export const parseDraftActList: Parser<DraftActList> = (value) => {
  if (!isRecord(value) || typeof value.total !== 'number') return undefined;
  const items = arrayOf(parseDraftSummary)(value.items);
  return items === undefined ? undefined : { items, total: value.total };
};

const parseComment: Parser<DraftComment> = (value) =>
  isRecord(value) &&
  str(value.commentId) &&
  str(value.text) &&
  str(value.createdAt) &&
  typeof value.mine === 'boolean'
    ? { commentId: value.commentId, text: value.text, createdAt: value.createdAt, mine: value.mine }
    : undefined;

/** getDraftAct */
export const parseDraftAct: Parser<DraftAct> = (value) => {
  const summary = parseDraftSummary(value);
  if (summary === undefined || !isRecord(value)) return undefined;
  const { text, attachmentId } = value;
  if (!str(text) || !strOrNull(attachmentId)) return undefined;
  let summaryText: DraftAct['summary'] = null;
  if (value.summary !== null) {
    const s = value.summary;
    if (!isRecord(s) || !str(s.text) || !str(s.publishedAt)) return undefined;
    summaryText = { text: s.text, publishedAt: s.publishedAt };
  }
  const comments = arrayOf(parseComment)(value.comments);
  if (comments === undefined) return undefined;
  return { ...summary, text, attachmentId, summary: summaryText, comments };
};

/** commentOnDraftAct */
export const parseCommentCreated: Parser<{ commentId: string }> = (value) =>
  isRecord(value) && str(value.commentId) ? { commentId: value.commentId } : undefined;
