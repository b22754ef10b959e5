import { Type, type Static } from 'typebox';

const Code = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });

export const MemberStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);
export type MemberStatus = Static<typeof MemberStatus>;

export const MemberEvent = Type.Object({
  event: Type.Union([
    Type.Literal('registered'),
    Type.Literal('suspended'),
    Type.Literal('reinstated'),
  ]),
  reason: Type.Union([Type.String(), Type.Null()]),
  actor: Type.String(),
  at: Type.String({ format: 'date-time' }),
});
export type MemberEvent = Static<typeof MemberEvent>;

export const Subsystem = Type.Object({
  member: Code,
  code: Code,
  name: Type.String(),
  certificateSerial: Type.String(),
  certificateThumbprint: Type.String(),
  endpointUrl: Type.Union([Type.String(), Type.Null()]),
});
export type Subsystem = Static<typeof Subsystem>;

export const Member = Type.Object(
  {
    code: Code,
    nameAz: Type.String(),
    nameEn: Type.String(),
    legalForm: Type.String(),
    status: MemberStatus,
    statusReason: Type.Union([Type.String(), Type.Null()]),
    subsystems: Type.Array(Subsystem),
    history: Type.Array(MemberEvent),
  },
  { $id: 'ExchangeMember' },
);
export type Member = Static<typeof Member>;

export const RegisterMemberBody = Type.Object(
  {
    code: Code,
    nameAz: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.String({ minLength: 1, maxLength: 300 }),
    legalForm: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type RegisterMemberBody = Static<typeof RegisterMemberBody>;

export const SuspendMemberBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const ReinstateMemberBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const MemberParams = Type.Object({ member: Code });

export const ServiceRef = Type.Object({ member: Code, subsystem: Code, service: Code });
export type ServiceRef = Static<typeof ServiceRef>;

export const ExchangeService = Type.Object(
  {
    id: Type.String({ description: 'member/subsystem/service' }),
    member: Code,
    subsystem: Code,
    code: Code,
    version: Type.Integer({ minimum: 1 }),
    titleAz: Type.String(),
    titleEn: Type.String(),
    subjectIsPerson: Type.Boolean(),
    dataClassification: Type.Union([
      Type.Literal('open'),
      Type.Literal('official-use'),
      Type.Literal('restricted'),
    ]),
    timeoutMs: Type.Integer(),
    requestSchema: Type.Unknown(),
    responseSchema: Type.Unknown(),
  },
  { $id: 'ExchangeService' },
);
export type ExchangeService = Static<typeof ExchangeService>;

export const LegalBasis = Type.Object({
  actId: Code,
  actTitle: Type.String(),
  actNumber: Type.Union([Type.String(), Type.Null()]),
  actDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  article: Type.Union([Type.String(), Type.Null()]),
});
export type LegalBasis = Static<typeof LegalBasis>;

export const AccessGrant = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    client: Type.String({ description: 'member/subsystem' }),
    service: Type.String({ description: 'member/subsystem/service' }),
    legalBasis: LegalBasis,
    purposes: Type.Array(Type.String()),
    dataItems: Type.Array(Type.String()),
    validFrom: Type.String({ format: 'date-time' }),
    validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    verifiedBy: Type.String(),
    verifiedAt: Type.String({ format: 'date-time' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedBy: Type.Union([Type.String(), Type.Null()]),
    revocationReason: Type.Union([Type.String(), Type.Null()]),
    active: Type.Boolean(),
  },
  { $id: 'AccessGrant' },
);
export type AccessGrant = Static<typeof AccessGrant>;

const Purpose = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 100 });

export const CreateAccessGrantBody = Type.Object(
  {
    clientMember: Code,
    clientSubsystem: Code,
    providerMember: Code,
    providerSubsystem: Code,
    service: Code,
    legalActId: Code,
    legalArticle: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    purposes: Type.Array(Purpose, { minItems: 1, maxItems: 20, uniqueItems: true }),
    dataItems: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
    ),
    validFrom: Type.Optional(Type.String({ format: 'date-time' })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CreateAccessGrantBody = Static<typeof CreateAccessGrantBody>;

export const RevokeAccessGrantBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const GrantParams = Type.Object({ grant: Type.String({ format: 'uuid' }) });

export const ListGrantsQuery = Type.Object({
  client: Type.Optional(Type.String({ maxLength: 130 })),
  service: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const LegalAct = Type.Object({
  id: Code,
  kind: Type.String(),
  titleAz: Type.String(),
  titleEn: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  adoptedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
});
export type LegalAct = Static<typeof LegalAct>;

/** The signed request a client subsystem sends (JWS payload). */
export const RequestEnvelope = Type.Object({
  id: Type.String({ format: 'uuid' }),
  iat: Type.Integer(),
  client: Type.String({ description: 'member/subsystem of the caller' }),
  service: Type.String({ description: 'member/subsystem/service called' }),
  purpose: Purpose,
  subjectFin: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{7}$' })),
  actor: Type.Optional(
    Type.String({ maxLength: 200, description: 'the person acting in the client system' }),
  ),
  idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  body: Type.Unknown(),
});
export type RequestEnvelope = Static<typeof RequestEnvelope>;

/** The signed answer of the gateway (JWS payload). */
export interface ResponseEnvelope {
  readonly id: string;
  readonly requestId: string;
  readonly iat: number;
  readonly service: string;
  readonly status: number;
  readonly body: unknown;
}

export const DataAccess = Type.Object({
  at: Type.String({ format: 'date-time' }),
  client: Type.String(),
  clientName: Type.Union([Type.String(), Type.Null()]),
  service: Type.String(),
  purpose: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
});
export type DataAccess = Static<typeof DataAccess>;

export const MonitoringRow = Type.Object({
  service: Type.String(),
  client: Type.String(),
  calls: Type.Integer(),
  errors: Type.Integer(),
  refused: Type.Integer(),
  p50Ms: Type.Number(),
  p95Ms: Type.Number(),
  p99Ms: Type.Number(),
});
export type MonitoringRow = Static<typeof MonitoringRow>;

export const MonitoringQuery = Type.Object({
  window: Type.Optional(
    Type.Union([Type.Literal('5m'), Type.Literal('1h'), Type.Literal('24h'), Type.Literal('7d')], {
      default: '1h',
    }),
  ),
  service: Type.Optional(Type.String({ maxLength: 200 })),
});

export const Monitoring = Type.Object(
  {
    window: Type.String(),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    rows: Type.Array(MonitoringRow),
  },
  { $id: 'ExchangeMonitoring' },
);
export type Monitoring = Static<typeof Monitoring>;
