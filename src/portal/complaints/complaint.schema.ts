import { Type, type Static } from 'typebox';

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description });

const Instant = Type.String({ format: 'date-time' });
const CalendarDate = Type.String({ format: 'date', description: 'A Baku calendar date' });

export const RegistryNumber = Type.String({
  pattern: '^ES-[0-9]{6,}$',
  description: 'Registry number of the e-service (listServices)',
  examples: ['ES-000123'],
});

export const AgencyCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 100,
  description: 'The agency (provider) code, e.g. health',
});

export const FileComplaintBody = Type.Object(
  {
    requestId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9._:-]+$',
        description:
          'The service request complained about (submitServiceRequest). Stored as given until the request engine can check it; registryNumber is then still needed.',
      }),
    ),
    registryNumber: Type.Optional(RegistryNumber),
    subject: Text(200, 'What the complaint is about, in a line'),
    text: Text(10_000, 'The complaint'),
    firstName: Text(100, 'Ad (000 §3.5.2)'),
    lastName: Text(100, 'Soyad'),
    patronymic: Text(100, 'Atasının adı'),
    address: Text(500, 'Ünvan: where the citizen lives'),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: 254, description: 'Elektron poçt ünvanı' }),
    ),
    postalAddress: Type.Optional(Text(500, 'Poçt ünvanı, for a paper answer')),
    workplace: Type.Optional(Text(300, 'İşlədiyi yer')),
  },
  {
    additionalProperties: false,
    description:
      '000 §3.5.2: first name, patronymic, surname and address, and at least one of email, postalAddress and workplace.',
  },
);
export type FileComplaintBody = Static<typeof FileComplaintBody>;

export const FiledComplaint = Type.Object({
  complaintId: Type.String({ format: 'uuid' }),
  dueDate: CalendarDate,
});

export const ComplaintIdParams = Type.Object(
  { complaintId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const AgencyParams = Type.Object({ member: AgencyCode }, { additionalProperties: false });

export const ComplaintStatus = Type.Union([Type.Literal('received'), Type.Literal('answered')], {
  description: 'received (under review) or answered',
});

export const ComplaintView = Type.Object({
  complaintId: Type.String({ format: 'uuid' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  registryNumber: Type.String(),
  agency: Type.String(),
  subjectFin: Type.String({ description: 'The person the complaint concerns' }),
  filedBy: Type.String({
    description: 'The person who filed it (a parent or guardian, or the same)',
  }),
  subject: Type.String(),
  text: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  patronymic: Type.String(),
  address: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  postalAddress: Type.Union([Type.String(), Type.Null()]),
  workplace: Type.Union([Type.String(), Type.Null()]),
  filedAt: Instant,
  receivedOn: CalendarDate,
  periodDays: Type.Union([Type.Literal(15), Type.Literal(30)], {
    description: '15 calendar days, or 30 once extended (000 §3.5.3)',
  }),
  dueDate: CalendarDate,
  overdue: Type.Boolean({ description: 'Not answered and the due date has passed' }),
  extension: Type.Union([Type.Object({ extendedAt: Instant, reason: Type.String() }), Type.Null()]),
  status: ComplaintStatus,
  answer: Type.Union([
    Type.Object({
      text: Type.String(),
      answeredAt: Instant,
      courtNotice: Type.String({
        description:
          'POR-003-13.4: the user may still go to court (in the language of the request)',
      }),
    }),
    Type.Null(),
  ]),
});
export type ComplaintView = Static<typeof ComplaintView>;

export const AgencyComplaintView = Type.Object({
  ...ComplaintView.properties,
  extendedBy: Type.Union([Type.String(), Type.Null()]),
  answeredBy: Type.Union([Type.String(), Type.Null()]),
});

export const ListMyComplaintsQuery = Type.Object(
  {
    status: Type.Optional(ComplaintStatus),
  },
  { additionalProperties: false },
);

export const ListAgencyComplaintsQuery = Type.Object(
  {
    status: Type.Optional(ComplaintStatus),
    overdue: Type.Optional(Type.Boolean({ description: 'true: only overdue ones' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const AgencyComplaintList = Type.Object({
  items: Type.Array(AgencyComplaintView),
  total: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({
    minimum: 0,
    description: 'How many of the agency’s complaints are overdue',
  }),
});

export const ExtendBody = Type.Object(
  { reason: Text(2000, 'Why the complaint needs extra study and checking (000 §3.5.3)') },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  { answer: Text(10_000, 'The answer to the complainant') },
  { additionalProperties: false },
);
