import { Type, type Static } from 'typebox';

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
const Instant = Type.String({ format: 'date-time' });

/** Longest proposal a person may send at once (characters). */
export const COMMENT_MAX_LENGTH = 5000;

export const AgencyCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 100,
  description: 'The agency (information owner) code, e.g. health',
});

export const SubjectKind = Type.Union([Type.Literal('draft-act'), Type.Literal('regulation')], {
  description:
    'draft-act: a draft normative legal act (002 ¶DRAFTS); regulation: a draft administrative regulation of the registry (003 §9.7), ref its id',
});

export const DiscussionStatus = Type.Union([Type.Literal('open'), Type.Literal('closed')], {
  description: 'open until closesAt, closed after',
});

export const PublishDraftActBody = Type.Object(
  {
    agency: AgencyCode,
    title: Type.Object(
      { az: Text(500, 'Layihənin adı'), en: Text(500, 'The title in English') },
      { additionalProperties: false },
    ),
    text: Text(200_000, 'The text of the draft (in Azerbaijani)'),
    closesAt: Type.String({
      format: 'date-time',
      description: 'When the discussion closes: in the future, within a year',
    }),
    attachmentId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The draft as a document (uploadAttachment), if any; stored as a reference',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PublishDraftActBody = Static<typeof PublishDraftActBody>;

export const DraftActIdParams = Type.Object(
  { draftActId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const ListDraftActsQuery = Type.Object(
  {
    agency: Type.Optional(AgencyCode),
    status: Type.Optional(DiscussionStatus),
    kind: Type.Optional(SubjectKind),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Words of the title' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const DraftActFields = {
  draftActId: Type.String({ format: 'uuid' }),
  subject: Type.Object({ kind: SubjectKind, ref: Type.Union([Type.String(), Type.Null()]) }),
  agency: Type.String(),
  title: Type.Object({ az: Type.String(), en: Type.String() }),
  publishedAt: Instant,
  closesAt: Instant,
  status: DiscussionStatus,
  commentCount: Type.Integer({ minimum: 0, description: 'How many proposals were sent' }),
  summaryPublished: Type.Boolean(),
};

export const DraftActSummaryView = Type.Object(DraftActFields);

export const DraftActList = Type.Object({
  items: Type.Array(DraftActSummaryView),
  total: Type.Integer({ minimum: 0 }),
});

export const CommentView = Type.Object({
  commentId: Type.String({ format: 'uuid' }),
  text: Type.String(),
  createdAt: Instant,
  mine: Type.Boolean({ description: 'Sent by the signed-in person' }),
  authorFin: Type.Union([Type.String(), Type.Null()], {
    description: 'Only for the agency’s portal staff (acr high); null for everyone else',
  }),
});

export const DraftActView = Type.Object({
  ...DraftActFields,
  text: Type.String(),
  attachmentId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.Object({ text: Type.String(), publishedAt: Instant }), Type.Null()]),
  comments: Type.Array(CommentView, { description: 'The proposals, oldest first' }),
});

export const CommentBody = Type.Object(
  { text: Text(COMMENT_MAX_LENGTH, 'The proposal (təklif)') },
  { additionalProperties: false },
);

export const CommentCreated = Type.Object({
  commentId: Type.String({ format: 'uuid' }),
  createdAt: Instant,
});

export const SummaryBody = Type.Object(
  { summary: Text(20_000, 'What the proposals were and what the agency made of them') },
  { additionalProperties: false },
);
