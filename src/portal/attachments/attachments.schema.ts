import { Type, type Static } from 'typebox';
import { ATTACHMENT_TYPES } from './file-type.ts';

export const AttachmentId = Type.String({ format: 'uuid', description: 'The attachment id' });

export const UploadQuery = Type.Object(
  {
    fileName: Type.String({
      minLength: 1,
      maxLength: 200,
      // A name, not a path: no slashes, backslashes or control characters.
      pattern: '^[^/\\\\\\u0000-\\u001f\\u007f]+$',
      description: 'The file name shown to the user and the agency, e.g. "diplom.pdf"',
    }),
  },
  { additionalProperties: false },
);
export type UploadQuery = Static<typeof UploadQuery>;

export const AttachmentParams = Type.Object(
  { attachmentId: AttachmentId },
  { additionalProperties: false },
);
export type AttachmentParams = Static<typeof AttachmentParams>;

export const ContentType = Type.Enum(ATTACHMENT_TYPES, {
  description: 'The type found in the file content',
});

export const UploadedAttachment = Type.Object({
  attachmentId: AttachmentId,
  fileName: Type.String(),
  contentType: ContentType,
  size: Type.Integer({ description: 'bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content (hex)' }),
});
export type UploadedAttachment = Static<typeof UploadedAttachment>;

export const AttachmentSummary = Type.Object({
  attachmentId: AttachmentId,
  fileName: Type.String(),
  contentType: ContentType,
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  subjectFin: Type.Union([Type.String(), Type.Null()], {
    description: 'The person the document concerns (yourself, or the person you acted for)',
  }),
  submitted: Type.Boolean({ description: 'Part of a submitted request (no longer deletable)' }),
});
export type AttachmentSummary = Static<typeof AttachmentSummary>;
