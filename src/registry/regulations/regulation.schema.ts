import { Type, type Static, type TSchema } from 'typebox';
import {
  ProviderCode,
  RegistryNumber,
  ServiceDetail,
  ServiceType,
  ServiceUser,
} from '../registry.schema.ts';

/**
 * An administrative regulation (inzibati reqlament) as a structured document: every field of the
 * 003 Appendix 1 template (REG-003-A1-*), named by its meaning, each text in Azerbaijani (the
 * authoritative text) with an English rendering. A field is `null` only where the template allows
 * it to be empty; the conditional rules (2.2.1 when paid, 3.1 for informative services, 3.2–3.3
 * for interactive ones, 1.7 by automation level, 2.6.1/2.6.2 by where the documents are held,
 * 3.4.2/3.4.4 when there are administrative operations) are checked by `documentProblems` in
 * regulation.service.ts, because JSON Schema cannot say them readably.
 *
 * `sourceClause` and `note` keep what a source document (seed 000) prints differently from the
 * template (its own numbering, misprints kept), so a regulation is stored without loss
 * (REG-000-ALL).
 */

const Str = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    ...(description === undefined ? {} : { description }),
  });

const clauseExtras = {
  sourceClause: Type.Optional(
    Str(20, 'The clause number the source document prints, where it differs from the template'),
  ),
  sourceLabel: Type.Optional(
    Str(1000, 'The clause label as the source prints it, where it differs from the template'),
  ),
  note: Type.Optional(Str(2000, 'Editorial note: a misprint kept, a literal rendering, …')),
};

/** A clause's text: Azerbaijani (authoritative) and English. */
export const ClauseText = Type.Object(
  { az: Str(10000), en: Str(10000), ...clauseExtras },
  { additionalProperties: false },
);
export type ClauseText = Static<typeof ClauseText>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A clause's text with structured values beside it. */
const ClauseWith = <P extends Record<string, TSchema>>(properties: P) =>
  Type.Object(
    { az: Str(10000), en: Str(10000), ...clauseExtras, ...properties },
    { additionalProperties: false },
  );

export const RegulationLegalBasisItem = Type.Object(
  {
    legalActId: Str(100, 'Id in the legal-basis catalogue (listLegalActs; EHIS-LEX)'),
    clauses: Nullable(
      Str(500, 'The concrete articles or clauses; null only where the source cites a whole act'),
    ),
    az: Str(2000, 'The reference as the regulation words it'),
    en: Str(2000),
    sourceClause: Type.Optional(Str(20)),
  },
  { additionalProperties: false },
);
export type RegulationLegalBasisItem = Static<typeof RegulationLegalBasisItem>;

export const AutomationLevel = Type.Union([Type.Literal('full'), Type.Literal('partial')], {
  description: 'tam (full) or qismən (partial) avtomatlaşdırılma (A1 §1.6)',
});
export type AutomationLevel = Static<typeof AutomationLevel>;

export const PaymentMethod = Type.Union(
  [
    Type.Literal('internet'),
    Type.Literal('terminal'),
    Type.Literal('cash'),
    Type.Literal('bank-transfer'),
    Type.Literal('other'),
  ],
  { description: 'internet-ödəmə, terminal, nağd, bank köçürməsi, digər (A1 §2.2.1)' },
);

export const BankRequisites = Type.Object(
  {
    beneficiary: Str(300, 'Alıcı: the receiving body'),
    voen: Type.String({ pattern: '^[0-9]{10}$', description: 'VÖEN of the beneficiary' }),
    bankName: Str(300),
    bankCode: Str(20),
    bankVoen: Type.Optional(Type.String({ pattern: '^[0-9]{10}$' })),
    correspondentAccount: Type.Optional(Str(34)),
    swift: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' })),
    account: Str(34, 'Hesab: the account (IBAN)'),
    budgetClassificationCode: Type.Optional(Str(20, 'Büdcə təsnifatı kodu')),
    budgetLevelCode: Type.Optional(Str(20, 'Büdcə səviyyəsinin kodu')),
  },
  { additionalProperties: false },
);
export type BankRequisites = Static<typeof BankRequisites>;

/** A1 §2.2.1: for a paid service, the amount, why it is charged, where and how to pay. */
export const PaymentDetails = ClauseWith({
  amount: Type.String({
    pattern: '^[0-9]{1,9}(\\.[0-9]{1,2})?$',
    description: 'Decimal amount, e.g. "5.00"',
  }),
  currency: Type.Literal('AZN'),
  legalBasis: Type.Array(RegulationLegalBasisItem, {
    minItems: 1,
    maxItems: 20,
    description: 'The legal basis for charging (A1 §2.2.1)',
  }),
  bankRequisites: BankRequisites,
  methods: Type.Array(PaymentMethod, { minItems: 1, maxItems: 5, uniqueItems: true }),
});
export type PaymentDetails = Static<typeof PaymentDetails>;

export const RequiredDocument = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9-]{0,49}$' }),
    nameAz: Str(500),
    nameEn: Str(500),
    heldByState: Type.Boolean({
      description:
        'Held in a state body’s information resource (A1 §2.6.1: the user gives its number only) or not (§2.6.2: an electronic copy)',
    }),
    submissionAz: Str(2000, 'How it is submitted'),
    submissionEn: Str(2000),
    notarised: Type.Optional(
      Type.Boolean({ description: 'Legislation requires it notarised (note 2 of 2.6)' }),
    ),
    sourceClause: Type.Optional(Str(20)),
  },
  { additionalProperties: false },
);
export type RequiredDocument = Static<typeof RequiredDocument>;

export const AttachedForm = Type.Object(
  { nameAz: Str(500), nameEn: Str(500), url: Type.Optional(Type.String({ format: 'uri' })) },
  { additionalProperties: false },
);

export const AdministrativeOperation = Type.Object(
  {
    order: Type.Integer({ minimum: 1, maximum: 100 }),
    az: Str(5000),
    en: Str(5000),
    responsibleAz: Str(500, 'The person or unit responsible (A1 §3.4.1)'),
    responsibleEn: Str(500),
    maxDuration: Nullable(Str(200, 'Its execution period or maximum period (A1 §3.4.2)')),
  },
  { additionalProperties: false },
);

export const ComplaintChannel = Type.Object(
  {
    kind: Type.Union([Type.Literal('paper'), Type.Literal('electronic')]),
    address: Nullable(Str(500, 'The address; null where the source does not give it')),
    addressAz: Type.Optional(Str(500)),
    addressEn: Type.Optional(Str(500)),
  },
  { additionalProperties: false },
);

export const RegulationDocument = Type.Object(
  {
    title: ClauseWith({}),
    /**
     * The approval block as the source records it, where it differs from the template's "Təsdiq
     * edirəm" (seed 000: a Collegium decision). The approval in EHİS itself (who, when) is
     * recorded by approveRegulation.
     */
    approvalRecord: Nullable(
      ClauseWith({
        approvedByAz: Str(500),
        approvedByEn: Str(500),
        decisionNumber: Nullable(Str(50)),
        date: Nullable(Type.String({ format: 'date' })),
      }),
    ),
    general: Type.Object(
      {
        /** 1.1 */ name: ClauseText,
        /** 1.2 */ content: ClauseText,
        /** 1.3 */ legalBasis: ClauseWith({
          items: Type.Array(RegulationLegalBasisItem, { minItems: 1, maxItems: 50 }),
        }),
        /** 1.4 */ provider: ClauseWith({ code: ProviderCode }),
        /** 1.5 */ otherExecutors: ClauseWith({
          codes: Type.Array(Str(100), { maxItems: 50, uniqueItems: true }),
        }),
        /** 1.6 */ automation: ClauseWith({ level: AutomationLevel }),
        /** 1.7 */ executionPeriod: ClauseWith({
          rule: Type.Union([Type.Literal('system-processing-time'), Type.Literal('bounded')], {
            description:
              'full automation: set by the systems’ processing time (note 1); partial: a lower and an upper limit (note 2)',
          }),
          min: Nullable(Str(200)),
          max: Nullable(Str(200)),
        }),
        /** 1.8 */ result: ClauseText,
      },
      { additionalProperties: false },
    ),
    provision: Type.Object(
      {
        /** 2.1 */ type: ClauseWith({ value: ServiceType }),
        /** 2.2 */ payment: ClauseWith({ paid: Type.Boolean() }),
        /** 2.2.1: null exactly when the service is free */
        paymentDetails: Nullable(PaymentDetails),
        /** 2.3 */ users: ClauseWith({
          values: Type.Array(ServiceUser, { minItems: 1, maxItems: 4, uniqueItems: true }),
        }),
        /** 2.4 */ place: ClauseWith({
          urls: Type.Array(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }), {
            minItems: 1,
            maxItems: 10,
          }),
        }),
        /** 2.5 */ information: ClauseWith({
          webAddresses: Type.Array(
            Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
            { minItems: 1, maxItems: 10 },
          ),
          email: Type.String({ format: 'email', maxLength: 320 }),
          phone: Str(50),
        }),
        /** 2.6 */ documents: ClauseWith({
          items: Type.Array(RequiredDocument, { maxItems: 50 }),
        }),
        /** 2.6.1: required when a document is held by the state */
        documentsHeldByState: Nullable(ClauseText),
        /** 2.6.2: required when a document is not held by the state */
        documentsNotHeldByState: Nullable(ClauseText),
        /** 2.6 note 1: the forms the applicant fills in */
        attachedForms: Type.Array(AttachedForm, { maxItems: 50 }),
        /** 2.6 note 2: required when a document must be notarised */
        notarisation: Nullable(ClauseText),
      },
      { additionalProperties: false },
    ),
    procedures: Type.Object(
      {
        /** 3.1: informative services only */
        informativeOpen: Nullable(ClauseText),
        /** 3.2 (heading text, if any) */
        request: Nullable(ClauseText),
        /** 3.2.1, 3.2.2: interactive services */
        requestForming: Nullable(ClauseText),
        requestAcceptance: Nullable(ClauseText),
        /** 3.3 (heading text, if any) */
        provisionOrRefusal: Nullable(ClauseText),
        /** 3.3.1, 3.3.2: interactive services */
        refusalCases: Nullable(ClauseText),
        provisionAcceptance: Nullable(ClauseText),
        /** 3.4 (heading text, if any) */
        execution: Nullable(ClauseText),
        /** 3.4.1 */ operations: ClauseWith({
          items: Type.Array(AdministrativeOperation, { maxItems: 100 }),
        }),
        /** 3.4.2: required when there are operations */
        operationContent: Nullable(ClauseText),
        /** 3.4.3 */ otherBodies: ClauseText,
        /** 3.4.4: required when there are operations */
        operationResults: Nullable(ClauseText),
        /** 3.5 (heading) with the controlling body */
        control: Nullable(ClauseWith({ controllerCode: Nullable(Str(100)) })),
        /** 3.5.1 */ controlForm: ClauseText,
        /** 3.5.2 */ controlProcedure: ClauseText,
        /** 3.6 (heading) with the responsible body */
        disputes: Nullable(ClauseWith({ responsibleCode: Nullable(Str(100)) })),
        /** 3.6.1 */ rightToComplain: ClauseText,
        /** 3.6.2 */ complaintInformation: ClauseWith({
          channels: Type.Array(ComplaintChannel, { minItems: 1, maxItems: 10 }),
        }),
        /** 3.6.3: the complaints workflow takes its deadlines from here (POR-003-A1-3.6.3) */
        complaintReview: ClauseWith({
          days: Type.Integer({ minimum: 1, maximum: 365 }),
          extendedDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 })),
          dayKind: Type.Union(
            [Type.Literal('calendar'), Type.Literal('working'), Type.Literal('unspecified')],
            { description: 'unspecified: the regulation says "gün" without saying which' },
          ),
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RegulationDocument = Static<typeof RegulationDocument>;

export const RegulationStatus = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('discussion'),
    Type.Literal('approved'),
    Type.Literal('published'),
    Type.Literal('superseded'),
  ],
  {
    description:
      'draft → discussion (public, until closesAt) → approved (by the agency head) → published; a published one becomes superseded when the next version is published',
  },
);
export type RegulationStatus = Static<typeof RegulationStatus>;

export const RegulationIdParams = Type.Object({ regulationId: Type.String({ format: 'uuid' }) });

export const DraftBody = Type.Object(
  { document: RegulationDocument },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const DiscussionBody = Type.Object(
  {
    closesAt: Type.String({
      format: 'date-time',
      description: 'When the public discussion closes; after now. No comments after it.',
    }),
  },
  { additionalProperties: false },
);

export const ApprovalBody = Type.Object(
  {
    decisionNumber: Type.Optional(
      Str(50, 'Number of the approving order or decision, if the body gives one'),
    ),
  },
  { additionalProperties: false },
);

export const CommentBody = Type.Object(
  {
    text: Str(5000, 'The proposal or remark'),
    clause: Type.Optional(
      Type.String({
        pattern: '^[1-3](\\.[0-9]{1,2}){0,2}$',
        description: 'The template clause it is about, e.g. "2.6.1"',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CommentBody = Static<typeof CommentBody>;

export const RegulationQuery = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'An older published version; default: in force' }),
    ),
  },
  { additionalProperties: false },
);
export const RegulationPdfQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    lang: Type.Optional(
      Type.Union([Type.Literal('az'), Type.Literal('en')], {
        description: 'az (default): the authoritative text; en: the English rendering',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ListRegulationsQuery = Type.Object(
  {
    registryNumber: Type.Optional(RegistryNumber),
    status: Type.Optional(RegulationStatus),
    provider: Type.Optional(ProviderCode),
  },
  { additionalProperties: false },
);

const Approval = Type.Object({
  approvedBy: Type.String({ description: 'FİN of the agency head' }),
  approvedByName: Type.String(),
  approvedAt: Type.String({ format: 'date-time' }),
  decisionNumber: Type.Union([Type.String(), Type.Null()]),
});

const OutlineSection = Type.Object({
  number: Type.String(),
  title: Type.String(),
  items: Type.Array(
    Type.Object({
      clause: Type.String(),
      label: Type.String(),
      heading: Type.Boolean(),
      text: Type.Union([Type.String(), Type.Null()]),
      extra: Type.Array(Type.String()),
    }),
  ),
});

export const RegulationView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  registryNumber: RegistryNumber,
  provider: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  status: RegulationStatus,
  document: RegulationDocument,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  discussion: Type.Union([
    Type.Object({
      openedAt: Type.String({ format: 'date-time' }),
      closesAt: Type.String({ format: 'date-time' }),
      open: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  approval: Type.Union([Approval, Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  supersededAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  outline: Type.Object(
    { az: Type.Array(OutlineSection), en: Type.Array(OutlineSection) },
    {
      description:
        'The document laid out on the Appendix 1 template (sections, clauses, labels) in each language: what the page and the PDF show',
    },
  ),
});
export type RegulationView = Static<typeof RegulationView>;

export const RegulationSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  registryNumber: RegistryNumber,
  provider: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  status: RegulationStatus,
  title: Type.Object({ az: Type.String(), en: Type.String() }),
  discussionClosesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const RegulationCreated = Type.Object({
  regulationId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
  status: RegulationStatus,
});

export const CommentView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  clause: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  authorFin: Type.Optional(
    Type.String({ description: 'Only for the provider’s registry staff and head' }),
  ),
});

/** getService's answer: the registry entry with the regulation in force (or null). */
export const ServiceDetailWithRegulation = Type.Object({
  ...ServiceDetail.properties,
  regulation: Type.Union([RegulationView, Type.Null()], {
    description: 'Its published administrative regulation (getRegulation); null if none yet',
  }),
});
