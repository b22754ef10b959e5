import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { Forbidden } from '../../platform/errors/platform.errors.ts';
import type { App } from '../../platform/http/http.ts';
import type { Lang } from '../../platform/i18n/lang.ts';
import { requireSession, sessionOf, type IdentityService } from '../../identity/index.ts';
import {
  AgencyComplaintList,
  AgencyComplaintView,
  AgencyParams,
  AnswerBody,
  ComplaintIdParams,
  ComplaintView,
  ExtendBody,
  FileComplaintBody,
  FiledComplaint,
  ListAgencyComplaintsQuery,
  ListMyComplaintsQuery,
} from './complaint.schema.ts';
import type {
  CitizenActor,
  ComplaintService,
  ComplaintWithFlags,
  StaffActor,
} from './complaint.service.ts';

/** POR-003-13.4: the outcome of a complaint says that the court remains open. */
const COURT_NOTICE: Record<Lang, string> = {
  az: 'Cavabla razı deyilsinizsə, qanunvericiliyə uyğun olaraq yuxarı səlahiyyətli orqana (vəzifəli şəxsə) və ya məhkəməyə şikayət edə bilərsiniz.',
  en: 'If you are not satisfied with the answer, you may complain to a higher authority or official, or go to court, as the law provides.',
  ru: 'Если ответ вас не устраивает, вы можете в установленном законом порядке обжаловать его в вышестоящий орган (должностному лицу) или в суд.',
};

function citizenView(c: ComplaintWithFlags, lang: Lang) {
  return {
    complaintId: c.id,
    requestId: c.requestId,
    registryNumber: c.registryNumber,
    agency: c.agency,
    subjectFin: c.subjectFin,
    filedBy: c.filedBy,
    subject: c.subject,
    text: c.text,
    firstName: c.firstName,
    lastName: c.lastName,
    patronymic: c.patronymic,
    address: c.address,
    email: c.email,
    postalAddress: c.postalAddress,
    workplace: c.workplace,
    filedAt: c.filedAt.toISOString(),
    receivedOn: c.receivedOn,
    periodDays: c.periodDays,
    dueDate: c.dueOn,
    overdue: c.overdue,
    extension:
      c.extendedAt === null
        ? null
        : { extendedAt: c.extendedAt.toISOString(), reason: c.extensionReason ?? '' },
    status: c.status,
    answer:
      c.answeredAt === null
        ? null
        : {
            text: c.answer ?? '',
            answeredAt: c.answeredAt.toISOString(),
            courtNotice: COURT_NOTICE[lang],
          },
  };
}

function staffView(c: ComplaintWithFlags, lang: Lang) {
  return { ...citizenView(c, lang), extendedBy: c.extendedBy, answeredBy: c.answeredBy };
}

function staffActor(request: FastifyRequest): StaffActor {
  const session = sessionOf(request);
  if (session.fin === null) throw new AppError(Forbidden);
  return { fin: session.fin, acr: session.acr };
}

const STAFF_NOTE =
  'For portal staff of the agency (role staff on module portal, or its head) with acr high: 403 identity/assurance-too-low or complaints/not-agency-staff otherwise.';

/** Complaints (issue 6 item 8; 000 §3.5). */
export function registerComplaintRoutes(
  app: App,
  deps: { readonly complaints: ComplaintService; readonly identity: IdentityService },
): void {
  const { complaints, identity } = deps;
  const tags = ['complaints'];

  /** The signed-in person and, when acting for a child or ward, that person (checked again). */
  async function citizen(request: FastifyRequest): Promise<CitizenActor> {
    const session = sessionOf(request);
    if (session.fin === null) throw new AppError(Forbidden);
    const actingFor = await identity.checkActingFor(session);
    return { fin: session.fin, actingFor };
  }

  app.post(
    '/api/complaints',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'fileComplaint',
        tags,
        summary: 'File a complaint about an e-service or a request (000 §3.5)',
        description:
          'Needs a signed-in person; when acting for a child or ward, the complaint concerns them. Required (000 §3.5.2): firstName, patronymic, lastName, address, and at least one of email, postalAddress, workplace (400 complaints/contact-missing). registryNumber must be a service of the registry (422 complaints/unknown-service); the service’s provider answers. requestId is stored as given until the request engine can check it; registryNumber is then required (400 complaints/service-required). dueDate: 15 calendar days from the Baku date of filing (000 §3.5.3).',
        body: FileComplaintBody,
        response: { 201: FiledComplaint },
      },
    },
    async (request, reply) => {
      const filed = await complaints.file(await citizen(request), request.body);
      return reply.code(201).send(filed);
    },
  );

  app.get(
    '/api/me/complaints',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyComplaints',
        tags,
        summary: 'My complaints with their status, due date and answer',
        description:
          'Those I filed or that concern me; while acting for a child or ward, those concerning them. Newest first.',
        querystring: ListMyComplaintsQuery,
        response: { 200: Type.Array(ComplaintView) },
      },
    },
    async (request) => {
      const list = await complaints.listMine(await citizen(request), request.query.status);
      return list.map((c) => citizenView(c, request.lang));
    },
  );

  app.get(
    '/api/complaints/:complaintId',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getComplaint',
        tags,
        summary: 'One complaint: its status, due date, extension and answer',
        description:
          'For the person who filed it, the person it concerns (or whoever acts for them) and the agency’s portal staff with acr high (who also see extendedBy and answeredBy). Anyone else: 404 complaints/not-found.',
        params: ComplaintIdParams,
        response: { 200: AgencyComplaintView },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const actor = { ...(await citizen(request)), acr: session.acr };
      const { complaint, asStaff } = await complaints.get(actor, request.params.complaintId);
      return asStaff
        ? staffView(complaint, request.lang)
        : { ...citizenView(complaint, request.lang), extendedBy: null, answeredBy: null };
    },
  );

  app.get(
    '/api/agencies/:member/complaints',
    {
      preHandler: requireSession('high'),
      schema: {
        operationId: 'listAgencyComplaints',
        tags,
        summary: 'The agency’s complaints, unanswered first by due date, with the overdue flag',
        description: `overdue=true lists only the unanswered complaints whose due date has passed; the response also counts them. ${STAFF_NOTE}`,
        params: AgencyParams,
        querystring: ListAgencyComplaintsQuery,
        response: { 200: AgencyComplaintList },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, status, overdue } = request.query;
      const result = await complaints.listForAgency(staffActor(request), request.params.member, {
        status,
        overdue,
        page,
        pageSize,
      });
      return {
        items: result.items.map((c) => staffView(c, request.lang)),
        total: result.total,
        overdue: result.overdue,
      };
    },
  );

  app.post(
    '/api/complaints/:complaintId/extension',
    {
      preHandler: requireSession('high'),
      schema: {
        operationId: 'extendComplaint',
        tags,
        summary: 'Extend the review period once, from 15 to 30 days, with the reason (000 §3.5.3)',
        description: `409 complaints/already-extended the second time, complaints/already-answered after the answer, complaints/extension-too-late after the 15 days ran out. ${STAFF_NOTE}`,
        params: ComplaintIdParams,
        body: ExtendBody,
        response: { 200: AgencyComplaintView },
      },
    },
    async (request) => {
      const c = await complaints.extend(
        staffActor(request),
        request.params.complaintId,
        request.body.reason,
      );
      return staffView(c, request.lang);
    },
  );

  app.post(
    '/api/complaints/:complaintId/answer',
    {
      preHandler: requireSession('high'),
      schema: {
        operationId: 'answerComplaint',
        tags,
        summary: 'Answer a complaint (once): its status becomes answered',
        description: `409 complaints/already-answered the second time. ${STAFF_NOTE}`,
        params: ComplaintIdParams,
        body: AnswerBody,
        response: { 200: AgencyComplaintView },
      },
    },
    async (request) => {
      const c = await complaints.answer(
        staffActor(request),
        request.params.complaintId,
        request.body.answer,
      );
      return staffView(c, request.lang);
    },
  );
}
