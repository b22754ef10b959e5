import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors/app-error.ts';
import { Forbidden } from '../platform/errors/platform.errors.ts';
import { requireOperator } from '../platform/http/guards.ts';
import type { App } from '../platform/http/http.ts';
import { requireSession, sessionOf } from '../identity/index.ts';
import {
  ApplicationIdParams,
  ApplicationView,
  Decided,
  DecideBody,
  DomainView,
  ListApplicationsQuery,
  ListNotificationsQuery,
  ListServicesQuery,
  NotificationView,
  ProviderView,
  RegistryNumberParams,
  ServiceHistory,
  ServiceList,
  SubmitApplicationBody,
  SubmittedApplication,
  UsageQuery,
  UsageRow,
} from './registry.schema.ts';
import {
  domainOf,
  providerOf,
  type ApplicationListItem,
  type RegistryActor,
  type RegistryService,
} from './registry.service.ts';
import type { Application, Service } from './registry.store.ts';
import { regulationView, registerRegulationRoutes } from './regulations/regulation.routes.ts';
import { ServiceDetailWithRegulation } from './regulations/regulation.schema.ts';
import type { RegulationService } from './regulations/regulation.service.ts';
import type { Regulation } from './regulations/regulation.store.ts';

function actorOf(request: FastifyRequest): RegistryActor {
  const session = sessionOf(request);
  if (session.fin === null) throw new AppError(Forbidden);
  return { fin: session.fin, acr: session.acr };
}

function named(kind: 'provider' | 'domain', code: string) {
  const found = kind === 'provider' ? providerOf(code) : domainOf(code);
  return { code, nameAz: found?.nameAz ?? code, nameEn: found?.nameEn ?? code };
}

function summaryView(service: Service) {
  return {
    registryNumber: service.registryNumber,
    name: { az: service.nameAz, en: service.nameEn },
    agency: named('provider', service.provider),
    domain: named('domain', service.domain),
    type: service.type,
    paid: service.paid,
    users: service.users,
  };
}

function detailView(service: Service, regulation: Regulation | undefined, now: Date) {
  return {
    ...summaryView(service),
    status: service.status,
    version: service.version,
    content: { az: service.contentAz, en: service.contentEn },
    otherExecutors: service.otherExecutors,
    legalBasis: service.legalBasis,
    identificationRequired: service.type === 'interactive',
    webAddress: service.webAddress,
    registeredAt: service.registeredAt.toISOString(),
    modifiedAt: service.modifiedAt.toISOString(),
    // The administrative regulation in force (issue 5 item 3), as getRegulation gives it.
    regulation: regulation === undefined ? null : regulationView(regulation, now),
  };
}

function applicationView(a: ApplicationListItem) {
  return {
    id: a.id,
    kind: a.kind,
    provider: a.provider,
    registryNumber: a.registryNumber,
    fields: a.fields,
    submittedBy: a.submittedBy,
    signedBy: a.certificateSubject,
    certificateSerial: a.certificateSerial,
    submittedAt: a.submittedAt.toISOString(),
    receivedOn: a.receivedOn,
    dueDate: a.dueOn,
    status: a.status,
    overdue: a.overdue,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    refusalReason: a.refusalReason,
  };
}

function applicationSummary(a: Application) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    submittedAt: a.submittedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    refusalReason: a.refusalReason,
  };
}

const STAFF_NOTE =
  'Needs a session with acr high (e-signature certificate or mobile signature; 403 identity/assurance-too-low otherwise).';

/** The e-services registry and its public catalogue (issue 5). */
export function registerRegistryRoutes(
  app: App,
  deps: {
    readonly registry: RegistryService;
    readonly regulations: RegulationService;
    readonly now: () => Date;
  },
): void {
  const { registry, regulations, now } = deps;
  const catalog = ['catalog'];
  const tags = ['registry'];
  const high = requireSession('high');

  app.get(
    '/api/registry/providers',
    {
      schema: {
        operationId: 'listProviders',
        tags: catalog,
        summary: 'Providers of e-services: the state bodies named in the seeds (public)',
        response: { 200: Type.Array(ProviderView) },
      },
    },
    async () =>
      registry.listProviders().map((p) => ({
        code: p.code,
        nameAz: p.nameAz,
        nameEn: p.nameEn,
        kind: p.kind,
        abbrAz: p.abbrAz ?? null,
        parent: p.parent ?? null,
      })),
  );

  app.get(
    '/api/registry/domains',
    {
      schema: {
        operationId: 'listDomains',
        tags: catalog,
        summary: 'The 29 domain areas of e-services (003 §3.1) (public)',
        response: { 200: Type.Array(DomainView) },
      },
    },
    async () =>
      registry.listDomains().map((d) => ({
        code: d.code,
        clause: d.clause,
        nameAz: d.nameAz,
        nameEn: d.nameEn,
        titleAz: d.titleAz,
        titleEn: d.titleEn,
      })),
  );

  app.get(
    '/api/services',
    {
      schema: {
        operationId: 'listServices',
        tags: catalog,
        summary: 'The catalogue of registered e-services, searchable and filtered (public)',
        description:
          'q ignores case and Azerbaijani letters (sehiyye finds Səhiyyə; ş/s, ç/c, ə/e, ı/i, ö/o, ü/u, ğ/g) and every word must match. With q, results are ranked: a match in the name before one in the content; a whole word before the start of a word before a match inside a word. Cancelled services are not listed.',
        querystring: ListServicesQuery,
        response: { 200: ServiceList },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filter } = request.query;
      const result = await registry.search({ ...filter, page, pageSize });
      return { items: result.items.map(summaryView), total: result.total };
    },
  );

  app.get(
    '/api/services/:registryNumber',
    {
      schema: {
        operationId: 'getService',
        tags: catalog,
        summary: 'An e-service by its registry number, with every registry field (public)',
        description:
          'identificationRequired is true for interactive services. A cancelled service is still shown, with status cancelled. regulation is its published administrative regulation (as getRegulation gives it), or null when none is published yet.',
        params: RegistryNumberParams,
        response: { 200: ServiceDetailWithRegulation },
      },
    },
    async (request) => {
      const service = await registry.getService(request.params.registryNumber);
      return detailView(service, await regulations.findPublished(service.registryNumber), now());
    },
  );

  app.get(
    '/api/services/:registryNumber/history',
    {
      preHandler: high,
      schema: {
        operationId: 'getServiceHistory',
        tags,
        summary: 'Every version of a service and every application about it (003 §10.5)',
        description: `For the registry operator and the provider's registry staff. ${STAFF_NOTE}`,
        params: RegistryNumberParams,
        response: { 200: ServiceHistory },
      },
    },
    async (request) => {
      const history = await registry.history(actorOf(request), request.params.registryNumber);
      const submitters = new Map(history.applications.map((a) => [a.id, a.submittedBy]));
      return {
        registryNumber: history.service.registryNumber,
        status: history.service.status,
        events: history.events.map((e) => ({
          version: e.version,
          kind: e.kind,
          at: e.at.toISOString(),
          applicationId: e.applicationId,
          decidedBy: e.decidedBy,
          submittedBy: submitters.get(e.applicationId) ?? '',
          fields: e.fields,
        })),
        applications: history.applications.map(applicationSummary),
      };
    },
  );

  app.post(
    '/api/registry/applications',
    {
      preHandler: high,
      schema: {
        operationId: 'submitRegistryApplication',
        tags,
        summary: 'Apply to register, modify or cancel an e-service (003 §10, Appendix 2)',
        description: `By the provider's staff with the role staff on the module registry, or its head (403 registry/not-provider-staff). The body's signature is an ES256 signature, with the key of the submitter's own e-signature certificate, over the UTF-8 canonical JSON (RFC 8785: sorted keys, no whitespace) of fields. dueDate is the operator's deadline: 3 working days for a registration (§10.4), 1 for a modification or cancellation (§10.8), counted from the day after receipt. ${STAFF_NOTE}`,
        body: SubmitApplicationBody,
        response: { 201: SubmittedApplication },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.submit(actorOf(request), request.body)),
  );

  app.get(
    '/api/registry/applications',
    {
      preHandler: high,
      schema: {
        operationId: 'listRegistryApplications',
        tags,
        summary: "Applications: all for the operator, the providers' own for their staff",
        description: `overdue: still pending after the due date (REG-003-10.9). Newest first. ${STAFF_NOTE}`,
        querystring: ListApplicationsQuery,
        response: { 200: Type.Array(ApplicationView) },
      },
    },
    async (request) => {
      const { limit = 100, offset = 0, ...filter } = request.query;
      return (await registry.list(actorOf(request), { ...filter, limit, offset })).map(
        applicationView,
      );
    },
  );

  app.post(
    '/api/registry/applications/:applicationId/decision',
    {
      preHandler: requireOperator('registry'),
      schema: {
        operationId: 'decideRegistryApplication',
        tags,
        summary: 'The operator approves or refuses an application (refusal needs a reason)',
        description:
          'Approval of a registration assigns the next registry number (ES-000001, …), never reused; approval of a modification or cancellation changes the service and records a new version. The provider is notified (listRegistryNotifications). Deciding twice: 409 registry/already-decided. Needs the role operator on the registry and acr high.',
        params: ApplicationIdParams,
        body: DecideBody,
        response: { 200: Decided },
      },
    },
    async (request) =>
      registry.decide(actorOf(request), request.params.applicationId, request.body),
  );

  app.get(
    '/api/registry/notifications',
    {
      preHandler: high,
      schema: {
        operationId: 'listRegistryNotifications',
        tags,
        summary: "The operator's decisions on a provider's applications, newest first",
        description: `For the provider's registry staff and head (all their providers unless provider is given). ${STAFF_NOTE}`,
        querystring: ListNotificationsQuery,
        response: { 200: Type.Array(NotificationView) },
      },
    },
    async (request) =>
      (await registry.notifications(actorOf(request), request.query.provider)).map((n) => ({
        id: n.id,
        provider: n.provider,
        applicationId: n.application_id,
        kind: n.kind,
        registryNumber: n.registry_number,
        reason: n.reason,
        createdAt: n.created_at.toISOString(),
      })),
  );

  app.get(
    '/api/registry/usage',
    {
      preHandler: requireOperator('registry'),
      schema: {
        operationId: 'getServiceUsage',
        tags,
        summary: 'Uses of e-services per month (operator)',
        description:
          'Counts per service and calendar month (Baku time), from recordServiceUse. Needs the role operator on the registry and acr high.',
        querystring: UsageQuery,
        response: { 200: Type.Array(UsageRow) },
      },
    },
    async (request) => registry.usage(actorOf(request), request.query),
  );

  registerRegulationRoutes(app, { regulations, now });
}
