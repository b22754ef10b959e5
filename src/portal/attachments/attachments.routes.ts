import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { IdentityService } from '../../identity/index.ts';
import { requireSession, sessionOf } from '../../identity/index.ts';
import type { App } from '../../platform/http/http.ts';
import {
  AttachmentParams,
  AttachmentSummary,
  UploadQuery,
  UploadedAttachment,
} from './attachments.schema.ts';
import type { AttachmentActor, AttachmentService } from './attachments.service.ts';
import type { Attachment } from './attachments.store.ts';

export interface AttachmentRouteDeps {
  readonly attachments: AttachmentService;
  readonly identity: IdentityService;
}

async function actorOf(
  identity: IdentityService,
  request: FastifyRequest,
): Promise<AttachmentActor> {
  const session = sessionOf(request);
  const actingFor = await identity.checkActingFor(session);
  return { accountId: session.accountId, fin: session.fin, actingFor, acr: session.acr };
}

function summary(a: Attachment): AttachmentSummary {
  return {
    attachmentId: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
    subjectFin: a.subjectFin,
    submitted: a.submittedAt !== null,
  };
}

/** RFC 6266 with RFC 8187: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Attachments (issue 6 item 4): upload, list, download, delete. */
export async function registerAttachmentRoutes(app: App, deps: AttachmentRouteDeps): Promise<void> {
  const { attachments, identity } = deps;

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // The body is the file itself, whatever type the client declares (the content decides), and
    // it is streamed: the app's body limit for JSON does not apply, the service's 10 MB does.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => {
      done(null, payload);
    });
    scope.post(
      '/api/attachments',
      {
        preHandler: requireSession(),
        schema: {
          operationId: 'uploadAttachment',
          tags: ['portal'],
          summary: 'Upload a scanned document (PDF, JPEG or PNG, at most 10 MB)',
          description:
            'The request body is the file itself (any Content-Type, e.g. application/octet-stream); its type is found from its content. `fileName` names it. Refused with 415 attachments/file-type-not-allowed (not PDF, JPEG or PNG), 413 attachments/file-too-large (over 10 MB), 400 attachments/file-empty, 409 attachments/too-many-pending (20 files not yet submitted); a refused upload leaves nothing stored. The attachment belongs to the signed-in account and concerns the person it acts for.',
          querystring: UploadQuery,
          response: { 201: UploadedAttachment },
        },
      },
      async (request, reply) => {
        const actor = await actorOf(identity, request);
        const body = request.body;
        const content = body instanceof Readable ? body : Readable.from([]);
        const header = request.headers['content-length'];
        const declaredLength = header === undefined ? undefined : Number(header);
        try {
          const a = await attachments.upload(actor, {
            fileName: request.query.fileName,
            content,
            declaredLength: Number.isFinite(declaredLength) ? declaredLength : undefined,
          });
          return await reply.code(201).send({
            attachmentId: a.id,
            fileName: a.fileName,
            contentType: a.contentType,
            size: a.size,
            sha256: a.sha256,
          });
        } catch (error) {
          if (!content.readableEnded) {
            // The rest of a refused body is not read: close the connection after the answer.
            void reply.header('connection', 'close');
            content.resume();
          }
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/attachments',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyAttachments',
        tags: ['portal'],
        summary: 'My uploaded attachments, newest first (pending and submitted)',
        response: { 200: Type.Array(AttachmentSummary) },
      },
    },
    async (request) => {
      const actor = await actorOf(identity, request);
      return (await attachments.listOwn(actor)).map(summary);
    },
  );

  app.get(
    '/api/attachments/:attachmentId',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getAttachment',
        tags: ['portal'],
        summary: 'Download an attachment (its owner, or staff of the agency it was submitted to)',
        description:
          'The file with its detected Content-Type as a download. Staff of the agency a request went to read its attachments from a session with acr high. Anyone else: 404 attachments/not-found.',
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      const actor = await actorOf(identity, request);
      const { attachment, content } = await attachments.open(actor, request.params.attachmentId);
      return reply
        .type(attachment.contentType)
        .header('content-length', String(attachment.size))
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-content-sha256', attachment.sha256)
        .send(content);
    },
  );

  app.delete(
    '/api/attachments/:attachmentId',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'deleteAttachment',
        tags: ['portal'],
        summary: 'Delete one of my attachments that is not yet part of a submitted request',
        params: AttachmentParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(identity, request);
      await attachments.delete(actor, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}
