import { Type, type Static } from 'typebox';

export const ImportBatchBody = Type.Object(
  {
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      description: 'json: an array of objects; csv: RFC 4180 with a header row naming the fields',
    }),
    content: Type.String({
      description: 'The rows, as text (at most 10 MiB of UTF-8 and 50,000 rows)',
    }),
    signature: Type.String({
      minLength: 10,
      maxLength: 64 * 1024,
      pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$',
      description:
        'Detached JWS (RFC 7515 Appendix F) over the UTF-8 bytes of content, made with a staff e-signature certificate of the platform CA (header x5c), naming ehis-client, ehis-service and ehis-purpose',
    }),
  },
  { additionalProperties: false },
);
export type ImportBatchBody = Static<typeof ImportBatchBody>;

export const BatchImported = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Literal('imported'),
  client: Type.String(),
  service: Type.String(),
  rows: Type.Integer({ minimum: 1 }),
  contentHash: Type.String({ description: 'SHA-256 of the content, hex' }),
  signer: Type.Object({ subject: Type.String(), fin: Type.String() }),
});
export type BatchImported = Static<typeof BatchImported>;
