import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { Forbidden } from '../../platform/errors/platform.errors.ts';
import type { App } from '../../platform/http/http.ts';
import { requireSession, sessionOf } from '../../identity/index.ts';
import {
  CommentBody,
  CommentCreated,
  DraftActIdParams,
  DraftActList,
  DraftActView,
  ListDraftActsQuery,
  PublishDraftActBody,
  SummaryBody,
} from './discussion.schema.ts';
import type { Actor, DiscussionService } from './discussion.service.ts';
import type { Comment, Discussion } from './discussion.store.ts';

function actorOf(request: FastifyRequest): Actor {
  const session = sessionOf(request);
  if (session.fin === null) throw new AppError(Forbidden);
  return { fin: session.fin, acr: session.acr };
}

function summaryView(d: Discussion, now: Date) {
  return {
    draftActId: d.id,
    subject: { kind: d.subject.kind, ref: d.subject.ref },
    agency: d.agency,
    title: { az: d.titleAz, en: d.titleEn },
    publishedAt: d.publishedAt.toISOString(),
    closesAt: d.closesAt.toISOString(),
    status: now < d.closesAt ? ('open' as const) : ('closed' as const),
    commentCount: d.commentCount,
    summaryPublished: d.summaryAt !== null,
  };
}

function fullView(
  d: Discussion,
  comments: readonly Comment[],
  now: Date,
  viewer: { fin: string | undefined; seesAuthors: boolean },
) {
  return {
    ...summaryView(d, now),
    text: d.text,
    attachmentId: d.attachmentId,
    summary:
      d.summary === null || d.summaryAt === null
        ? null
        : { text: d.summary, publishedAt: d.summaryAt.toISOString() },
    comments: comments.map((c) => ({
      commentId: c.id,
      text: c.text,
      createdAt: c.createdAt.toISOString(),
      mine: viewer.fin !== undefined && c.authorFin === viewer.fin,
      authorFin: viewer.seesAuthors ? c.authorFin : null,
    })),
  };
}

const STAFF_NOTE =
  'For portal staff of the agency (role staff on module portal, or its head) with acr high: 403 identity/assurance-too-low or discussion/not-agency-staff otherwise.';

/** Public discussion of draft legal acts (issue 6 item 9; 002 ¶DRAFTS). */
export function registerDiscussionRoutes(
  app: App,
  deps: { readonly discussions: DiscussionService; readonly now: () => Date },
): void {
  const { discussions, now } = deps;
  const tags = ['discussion'];

  app.get(
    '/api/draft-acts',
    {
      schema: {
        operationId: 'listDraftActs',
        tags,
        summary: 'Drafts of legal acts under public discussion and closed ones (public)',
        description:
          'Filters: agency (the information owner), status (open, closed), kind (draft-act, regulation), q (words of the title). Open ones first, closing soonest first; then closed ones, latest first.',
        querystring: ListDraftActsQuery,
        response: { 200: DraftActList },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filter } = request.query;
      const result = await discussions.list({ ...filter, page, pageSize });
      return { items: result.items.map((d) => summaryView(d, result.now)), total: result.total };
    },
  );

  app.get(
    '/api/draft-acts/:draftActId',
    {
      schema: {
        operationId: 'getDraftAct',
        tags,
        summary:
          'A draft with its text, the proposals sent and, after closing, the summary (public)',
        description:
          'Proposals are shown without their authors; the agency’s portal staff with acr high also see the author’s FİN. mine marks the signed-in person’s own proposals.',
        params: DraftActIdParams,
        response: { 200: DraftActView },
      },
    },
    async (request) => {
      const { discussion, comments } = await discussions.get(request.params.draftActId);
      const session = request.session;
      const actor =
        session?.fin === undefined || session.fin === null
          ? undefined
          : { fin: session.fin, acr: session.acr };
      return fullView(discussion, comments, now(), {
        fin: actor?.fin,
        seesAuthors: await discussions.seesAuthors(actor, discussion.agency),
      });
    },
  );

  app.post(
    '/api/draft-acts',
    {
      preHandler: requireSession('high'),
      schema: {
        operationId: 'publishDraftAct',
        tags,
        summary: 'Publish a draft legal act for public discussion until closesAt (002 ¶DRAFTS)',
        description: `closesAt in the future and within a year (400 discussion/closing-date-invalid). attachmentId refers to an uploaded document and is stored as given. ${STAFF_NOTE}`,
        body: PublishDraftActBody,
        response: { 201: DraftActView },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const published = await discussions.publishDraftAct(actorOf(request), {
        agency: body.agency,
        title: body.title,
        text: body.text,
        closesAt: new Date(body.closesAt),
        attachmentId: body.attachmentId,
      });
      return reply
        .code(201)
        .send(fullView(published, [], now(), { fin: undefined, seesAuthors: true }));
    },
  );

  app.post(
    '/api/draft-acts/:draftActId/comments',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'commentOnDraftAct',
        tags,
        summary: 'Send a proposal on a draft while its discussion is open',
        description:
          'Any signed-in person, several times if they wish; up to 5,000 characters each. After closesAt: 409 discussion/closed and nothing is stored (POR-002-DRAFTS-3).',
        params: DraftActIdParams,
        body: CommentBody,
        response: { 201: CommentCreated },
      },
    },
    async (request, reply) => {
      const comment = await discussions.comment(
        actorOf(request),
        request.params.draftActId,
        request.body.text,
      );
      return reply
        .code(201)
        .send({ commentId: comment.id, createdAt: comment.createdAt.toISOString() });
    },
  );

  app.post(
    '/api/draft-acts/:draftActId/summary',
    {
      preHandler: requireSession('high'),
      schema: {
        operationId: 'publishDraftActSummary',
        tags,
        summary: 'Publish the summary of a closed discussion (once)',
        description: `409 discussion/still-open before closesAt, discussion/summary-published the second time. ${STAFF_NOTE}`,
        params: DraftActIdParams,
        body: SummaryBody,
        response: { 200: DraftActView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const d = await discussions.publishSummary(
        actor,
        request.params.draftActId,
        request.body.summary,
      );
      const { comments } = await discussions.get(d.id);
      return fullView(d, comments, now(), { fin: actor.fin, seesAuthors: true });
    },
  );
}
