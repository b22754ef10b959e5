import { Type, type Static } from 'typebox';
import { loadDomains, loadProviders } from './data/index.ts';

/** Provider codes (providers.json): the schema lists them, so an unknown one is a 400 with a pointer. */
export const ProviderCode = Type.Unsafe<string>({
  type: 'string',
  enum: loadProviders().map((p) => p.code),
  description: 'Provider (təminatçı) code: listProviders',
});
export const DomainCode = Type.Unsafe<string>({
  type: 'string',
  enum: loadDomains().map((d) => d.code),
  description: 'Domain area code (003 §3.1): listDomains',
});

export const RegistryNumber = Type.String({
  pattern: '^ES-[0-9]{6,}$',
  description: 'Registry number (reyestr nömrəsi): ES- and six or more digits, never reused',
  examples: ['ES-000123'],
});

export const ServiceType = Type.Union([Type.Literal('informative'), Type.Literal('interactive')], {
  description: 'informativ (open to everyone) or interaktiv (needs identification)',
});
export const ServiceUser = Type.Union(
  [
    Type.Literal('natural-persons'),
    Type.Literal('legal-persons'),
    Type.Literal('state-bodies'),
    Type.Literal('others'),
  ],
  { description: 'fiziki şəxslər, hüquqi şəxslər, dövlət orqanları, digərləri' },
);
export const ApplicationKind = Type.Union(
  [Type.Literal('register'), Type.Literal('modify'), Type.Literal('cancel')],
  { description: 'registration; modification (amendment); cancellation of the registration' },
);
export const ApplicationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('refused'),
]);

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description });

export const LegalBasisItem = Type.Object(
  {
    legalActId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Id in the legal-basis catalogue (listLegalActs)',
    }),
    clauses: Text(500, 'The concrete articles or clauses, e.g. "25-ci maddə", "2-ci bənd"'),
  },
  { additionalProperties: false },
);
export type LegalBasisItem = Static<typeof LegalBasisItem>;

/**
 * The fields of an application (003 Appendix 2, items 1–10), exactly as signed. Every field is
 * required for every kind: the form is one form, and a modification or cancellation restates the
 * service as the provider knows it.
 */
export const ApplicationFields = Type.Object(
  {
    kind: ApplicationKind,
    registryNumber: Type.Optional(RegistryNumber),
    provider: ProviderCode,
    nameAz: Text(1000, 'Official name of the e-service in Azerbaijani (A2 item 3)'),
    nameEn: Text(1000, 'Its name in English'),
    otherExecutors: Type.Array(Text(300, 'Provider code (listProviders) or name of the body'), {
      maxItems: 50,
      uniqueItems: true,
      description: 'Other state bodies and institutions taking part (A2 item 4); may be empty',
    }),
    contentAz: Text(5000, 'Short information about the service and where it applies (A2 item 5)'),
    contentEn: Text(5000, 'The same in English'),
    legalBasis: Type.Array(LegalBasisItem, {
      minItems: 1,
      maxItems: 50,
      description: 'Normative legal acts with the concrete clauses (A2 item 6)',
    }),
    type: ServiceType,
    paid: Type.Boolean({ description: 'false: ödənişsiz (free); true: ödənişli (paid)' }),
    users: Type.Array(ServiceUser, { minItems: 1, maxItems: 4, uniqueItems: true }),
    webAddress: Type.String({
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2000,
      description: 'Where the service is provided (A2 item 10)',
    }),
    domain: DomainCode,
  },
  { additionalProperties: false },
);
export type ApplicationFields = Static<typeof ApplicationFields>;

export const SubmitApplicationBody = Type.Object(
  {
    fields: ApplicationFields,
    certificate: Type.String({
      minLength: 64,
      maxLength: 20000,
      description: "The submitter's e-signature certificate: PEM or base64 DER",
    }),
    signature: Type.String({
      minLength: 16,
      maxLength: 400,
      description:
        'base64 ES256 signature (raw r‖s or DER) over the UTF-8 canonical JSON of `fields` (sorted keys, no whitespace; RFC 8785)',
    }),
  },
  { additionalProperties: false },
);
export type SubmitApplicationBody = Static<typeof SubmitApplicationBody>;

export const SubmittedApplication = Type.Object({
  applicationId: Type.String({ format: 'uuid' }),
  dueDate: Type.String({ format: 'date', description: "The operator's deadline (Baku date)" }),
  dueDateProvisional: Type.Boolean({
    description: 'The calendar lacks the movable holidays of a year the deadline crosses',
  }),
});

export const ApplicationView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: ApplicationKind,
  provider: Type.String(),
  registryNumber: Type.Union([RegistryNumber, Type.Null()]),
  fields: ApplicationFields,
  submittedBy: Type.String(),
  signedBy: Type.String({ description: "The certificate's subject" }),
  certificateSerial: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  receivedOn: Type.String({ format: 'date' }),
  dueDate: Type.String({ format: 'date' }),
  status: ApplicationStatus,
  overdue: Type.Boolean({ description: 'Pending after its due date (REG-003-10.9)' }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  refusalReason: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const ListApplicationsQuery = Type.Object(
  {
    status: Type.Optional(ApplicationStatus),
    provider: Type.Optional(ProviderCode),
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListApplicationsQuery = Static<typeof ListApplicationsQuery>;

export const ApplicationIdParams = Type.Object({ applicationId: Type.String({ format: 'uuid' }) });

export const DecideBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to refuse' })),
  },
  { additionalProperties: false },
);
export type DecideBody = Static<typeof DecideBody>;

export const Decided = Type.Object({
  applicationId: Type.String({ format: 'uuid' }),
  status: ApplicationStatus,
  registryNumber: Type.Union([RegistryNumber, Type.Null()]),
});

export const ProviderView = Type.Object({
  code: Type.String(),
  nameAz: Type.String(),
  nameEn: Type.String(),
  kind: Type.String(),
  abbrAz: Type.Union([Type.String(), Type.Null()]),
  parent: Type.Union([Type.String(), Type.Null()]),
});
export const DomainView = Type.Object({
  code: Type.String(),
  clause: Type.String(),
  nameAz: Type.String(),
  nameEn: Type.String(),
  titleAz: Type.String(),
  titleEn: Type.String(),
});

const Named = Type.Object({ code: Type.String(), nameAz: Type.String(), nameEn: Type.String() });

export const ServiceSummary = Type.Object({
  registryNumber: RegistryNumber,
  name: Type.Object({ az: Type.String(), en: Type.String() }),
  agency: Named,
  domain: Named,
  type: ServiceType,
  paid: Type.Boolean(),
  users: Type.Array(ServiceUser),
});
export type ServiceSummary = Static<typeof ServiceSummary>;

export const ServiceList = Type.Object({
  items: Type.Array(ServiceSummary),
  total: Type.Integer({ minimum: 0 }),
});

export const ListServicesQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'Words to find in the name and content; case and Azerbaijani letters are ignored (sehiyye finds Səhiyyə). Results are ranked by relevance.',
      }),
    ),
    agency: Type.Optional(ProviderCode),
    domain: Type.Optional(DomainCode),
    type: Type.Optional(ServiceType),
    paid: Type.Optional(Type.Boolean()),
    users: Type.Optional(ServiceUser),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type ListServicesQuery = Static<typeof ListServicesQuery>;

export const RegistryNumberParams = Type.Object({ registryNumber: RegistryNumber });

export const ServiceDetail = Type.Object({
  registryNumber: RegistryNumber,
  status: Type.Union([Type.Literal('registered'), Type.Literal('cancelled')]),
  version: Type.Integer({ minimum: 1 }),
  name: Type.Object({ az: Type.String(), en: Type.String() }),
  content: Type.Object({ az: Type.String(), en: Type.String() }),
  agency: Named,
  domain: Named,
  otherExecutors: Type.Array(Type.String()),
  legalBasis: Type.Array(LegalBasisItem),
  type: ServiceType,
  identificationRequired: Type.Boolean({
    description: 'Interactive services need identification; informative ones are open (A1 §3.1)',
  }),
  paid: Type.Boolean(),
  users: Type.Array(ServiceUser),
  webAddress: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
  modifiedAt: Type.String({ format: 'date-time' }),
  regulation: Type.Null({
    description: 'Filled by getService with the published regulation (ServiceDetailWithRegulation)',
  }),
});
export type ServiceDetail = Static<typeof ServiceDetail>;

export const ServiceEvent = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  kind: ApplicationKind,
  at: Type.String({ format: 'date-time' }),
  applicationId: Type.String({ format: 'uuid' }),
  decidedBy: Type.String(),
  submittedBy: Type.String(),
  fields: ApplicationFields,
});
export const ServiceHistory = Type.Object({
  registryNumber: RegistryNumber,
  status: Type.Union([Type.Literal('registered'), Type.Literal('cancelled')]),
  events: Type.Array(ServiceEvent),
  applications: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      kind: ApplicationKind,
      status: ApplicationStatus,
      submittedAt: Type.String({ format: 'date-time' }),
      decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      refusalReason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const NotificationView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  provider: Type.String(),
  applicationId: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
  registryNumber: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export const ListNotificationsQuery = Type.Object(
  { provider: Type.Optional(ProviderCode) },
  { additionalProperties: false },
);

export const UsageQuery = Type.Object(
  {
    registryNumber: Type.Optional(RegistryNumber),
    from: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'YYYY-MM' })),
    to: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'YYYY-MM' })),
  },
  { additionalProperties: false },
);
export type UsageQuery = Static<typeof UsageQuery>;
export const UsageRow = Type.Object({
  registryNumber: RegistryNumber,
  month: Type.String({ description: 'YYYY-MM' }),
  uses: Type.Integer({ minimum: 0 }),
});
