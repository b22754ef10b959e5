import { regulationOutline } from './regulation.outline.ts';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { Forbidden } from '../../platform/errors/platform.errors.ts';
import type { App } from '../../platform/http/http.ts';
import { requireSession, sessionOf } from '../../identity/index.ts';
import { RegistryNumberParams } from '../registry.schema.ts';
import { providerOf } from '../registry.service.ts';
import { renderRegulationPdf } from './regulation.pdf.ts';
import {
  ApprovalBody,
  CommentBody,
  CommentView,
  DiscussionBody,
  DraftBody,
  ListRegulationsQuery,
  RegulationCreated,
  RegulationIdParams,
  RegulationPdfQuery,
  RegulationQuery,
  RegulationSummary,
  RegulationView,
} from './regulation.schema.ts';
import type { RegulationActor, RegulationService } from './regulation.service.ts';
import type { Regulation, RegulationComment } from './regulation.store.ts';

function actorOf(request: FastifyRequest): RegulationActor {
  const session = sessionOf(request);
  if (session.fin === null) throw new AppError(Forbidden);
  return { fin: session.fin, acr: session.acr };
}

/** The reader, if signed in with a FİN (public routes read more for insiders). */
function readerOf(request: FastifyRequest): { fin: string } | undefined {
  const fin = request.session?.fin;
  return fin === null || fin === undefined ? undefined : { fin };
}

export function regulationView(r: Regulation, now: Date) {
  return {
    id: r.id,
    registryNumber: r.registryNumber,
    provider: r.provider,
    version: r.version,
    status: r.status,
    document: r.document,
    outline: { az: regulationOutline(r.document, 'az'), en: regulationOutline(r.document, 'en') },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    discussion:
      r.discussionOpenedAt === null || r.discussionClosesAt === null
        ? null
        : {
            openedAt: r.discussionOpenedAt.toISOString(),
            closesAt: r.discussionClosesAt.toISOString(),
            open: r.status === 'discussion' && now < r.discussionClosesAt,
          },
    approval:
      r.approvedAt === null || r.approvedBy === null
        ? null
        : {
            approvedBy: r.approvedBy,
            approvedByName: r.approvedByName ?? r.approvedBy,
            approvedAt: r.approvedAt.toISOString(),
            decisionNumber: r.decisionNumber,
          },
    publishedAt: r.publishedAt?.toISOString() ?? null,
    supersededAt: r.supersededAt?.toISOString() ?? null,
  };
}

function summary(r: Regulation) {
  return {
    id: r.id,
    registryNumber: r.registryNumber,
    provider: r.provider,
    version: r.version,
    status: r.status,
    title: { az: r.document.title.az, en: r.document.title.en },
    discussionClosesAt: r.discussionClosesAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

function commentView(c: RegulationComment, withAuthor: boolean) {
  return {
    id: c.id,
    clause: c.clause,
    text: c.text,
    createdAt: c.createdAt.toISOString(),
    ...(withAuthor ? { authorFin: c.authorFin } : {}),
  };
}

const HIGH_NOTE =
  'Needs a session with acr high (e-signature certificate or mobile signature; 403 identity/assurance-too-low otherwise).';
const STAFF_NOTE = `By the provider's staff with the role staff on the module registry, or its head (403 registry/not-provider-staff). ${HIGH_NOTE}`;

/** Administrative regulations (issue 5 item 3; 003 §9, Appendix 1). */
export function registerRegulationRoutes(
  app: App,
  deps: { readonly regulations: RegulationService; readonly now: () => Date },
): void {
  const { regulations, now } = deps;
  const tags = ['regulations'];
  const high = requireSession('high');
  const signedIn = requireSession('low');

  app.get(
    '/api/services/:registryNumber/regulation',
    {
      schema: {
        operationId: 'getRegulation',
        tags: ['catalog'],
        summary: 'The published administrative regulation of a service (public, 003 §9.8)',
        description:
          'The version in force; ?version= for an older published (now superseded) one. 404 registry/regulation-not-found when there is none. The same as a PDF: getRegulationPdf.',
        params: RegistryNumberParams,
        querystring: RegulationQuery,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(
        await regulations.getPublished(request.params.registryNumber, request.query.version),
        now(),
      ),
  );

  app.get(
    '/api/services/:registryNumber/regulation.pdf',
    {
      schema: {
        operationId: 'getRegulationPdf',
        tags: ['catalog'],
        summary: 'The published administrative regulation as a PDF (public)',
        description:
          'application/pdf, laid out on the Appendix 1 template, in Azerbaijani (lang=az, the authoritative text) or English (lang=en).',
        params: RegistryNumberParams,
        querystring: RegulationPdfQuery,
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? 'az';
      const regulation = await regulations.getPublished(
        request.params.registryNumber,
        request.query.version,
      );
      const provider = providerOf(regulation.provider);
      const pdf = await renderRegulationPdf(regulation, {
        lang,
        providerName: (lang === 'az' ? provider?.nameAz : provider?.nameEn) ?? regulation.provider,
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${regulation.registryNumber}-v${regulation.version}-${lang}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get(
    '/api/regulations',
    {
      schema: {
        operationId: 'listRegulations',
        tags,
        summary: 'Regulations: under public discussion and published (public); drafts for insiders',
        description:
          "Everyone sees regulations under discussion (to comment) and published ones; the provider's registry staff and head also see their drafts and approved ones; the registry operator all.",
        querystring: ListRegulationsQuery,
        response: { 200: Type.Array(RegulationSummary) },
      },
    },
    async (request) => (await regulations.list(readerOf(request), request.query)).map(summary),
  );

  app.get(
    '/api/regulations/:regulationId',
    {
      schema: {
        operationId: 'getRegulationVersion',
        tags,
        summary: 'One version of a regulation at any stage (drafts: insiders only)',
        params: RegulationIdParams,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(await regulations.get(readerOf(request), request.params.regulationId), now()),
  );

  app.post(
    '/api/services/:registryNumber/regulations',
    {
      preHandler: high,
      schema: {
        operationId: 'createRegulationDraft',
        tags,
        summary: 'Start a draft regulation (the next version) for a service (003 §9.2)',
        description: `Every field of the Appendix 1 template (REG-003-A1-*); the conditional ones are checked (422 registry/regulation-invalid with errors[].pointer). One regulation in preparation per service (409 registry/regulation-in-making). ${STAFF_NOTE}`,
        params: RegistryNumberParams,
        body: DraftBody,
        response: { 201: RegulationCreated },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await regulations.createDraft(
            actorOf(request),
            request.params.registryNumber,
            request.body.document,
          ),
        ),
  );

  app.put(
    '/api/regulations/:regulationId',
    {
      preHandler: high,
      schema: {
        operationId: 'updateRegulationDraft',
        tags,
        summary: 'Replace the text of a draft (only before its discussion opens)',
        description: `409 registry/regulation-wrong-state after the discussion has opened. ${STAFF_NOTE}`,
        params: RegulationIdParams,
        body: DraftBody,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(
        await regulations.updateDraft(
          actorOf(request),
          request.params.regulationId,
          request.body.document,
        ),
        now(),
      ),
  );

  app.post(
    '/api/regulations/:regulationId/discussion',
    {
      preHandler: high,
      schema: {
        operationId: 'openRegulationDiscussion',
        tags,
        summary: 'Put a draft to public discussion until closesAt (003 §9.7)',
        description: `The draft becomes public (listRegulations, getRegulationVersion) and any signed-in person may comment until closesAt; its text is then fixed. ${STAFF_NOTE}`,
        params: RegulationIdParams,
        body: DiscussionBody,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(
        await regulations.openDiscussion(
          actorOf(request),
          request.params.regulationId,
          new Date(request.body.closesAt),
        ),
        now(),
      ),
  );

  app.get(
    '/api/regulations/:regulationId/comments',
    {
      schema: {
        operationId: 'listRegulationComments',
        tags,
        summary: 'Comments on a regulation from its public discussion (public, without authors)',
        description:
          "The provider's registry staff and head (and the operator) also see each author's FİN.",
        params: RegulationIdParams,
        response: { 200: Type.Array(CommentView) },
      },
    },
    async (request) => {
      const { comments, withAuthors } = await regulations.comments(
        readerOf(request),
        request.params.regulationId,
      );
      return comments.map((c) => commentView(c, withAuthors));
    },
  );

  app.post(
    '/api/regulations/:regulationId/comments',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'commentOnRegulation',
        tags,
        summary: 'Send a proposal on a draft under public discussion (any signed-in person)',
        description:
          'Until the discussion closes; after it, 409 registry/discussion-closed (POR-002-DRAFTS-3). Audited.',
        params: RegulationIdParams,
        body: CommentBody,
        response: { 201: CommentView },
      },
    },
    async (request, reply) => {
      const comment = await regulations.comment(
        actorOf(request),
        request.params.regulationId,
        request.body,
      );
      return reply.code(201).send(commentView(comment, true));
    },
  );

  app.post(
    '/api/regulations/:regulationId/approval',
    {
      preHandler: high,
      schema: {
        operationId: 'approveRegulation',
        tags,
        summary: 'The head of the providing body approves the regulation (003 §9.2)',
        description: `After the public discussion has closed (409 registry/discussion-still-open). Only the head of the provider (403 registry/not-provider-head), and not the person who created the draft (403 registry/regulation-own-draft). ${HIGH_NOTE}`,
        params: RegulationIdParams,
        body: ApprovalBody,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(
        await regulations.approve(actorOf(request), request.params.regulationId, request.body),
        now(),
      ),
  );

  app.post(
    '/api/regulations/:regulationId/publication',
    {
      preHandler: high,
      schema: {
        operationId: 'publishRegulation',
        tags,
        summary:
          'Publish an approved regulation: it comes into force and is open to all (003 §9.8)',
        description: `The version in force before becomes superseded (still readable with getRegulation ?version=). ${STAFF_NOTE}`,
        params: RegulationIdParams,
        response: { 200: RegulationView },
      },
    },
    async (request) =>
      regulationView(
        await regulations.publish(actorOf(request), request.params.regulationId),
        now(),
      ),
  );
}
