import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

/** Identity keeps its own copies of the card formats: it reads the agencies only via the exchange. */
export const Fin = Type.String({
  pattern: '^[0-9A-HJ-NP-Z]{7}$',
  description:
    'FİN (personal identification number): 7 characters, digits and capital Latin letters except I and O',
  examples: ['5ZJ8K2L'],
});
export const IdCardNumber = Type.String({
  pattern: '^AZE[0-9]{8}$',
  description: 'Number of the identity card: AZE and 8 digits',
  examples: ['AZE12345678'],
});
export const Acr = Type.Union(
  [Type.Literal('low'), Type.Literal('substantial'), Type.Literal('high')],
  {
    description:
      'Level of assurance of the login: low (password), substantial (passkey), high (e-signature certificate, mobile signature, smartphone QR)',
  },
);
const Username = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$',
  description:
    '3–32 Latin letters, digits, dot, dash or underscore; case is ignored when comparing',
});

export const RegisterBody = Type.Object(
  {
    idCardNumber: IdCardNumber,
    fin: Fin,
    username: Username,
    password: Type.String({
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; not a common password; must not contain the username`,
    }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(
      Type.String({
        pattern: '^\\+994[0-9]{9}$',
        description: 'Azerbaijani mobile number, +994 and 9 digits',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const Registered = Type.Object({ userId: Type.String({ format: 'uuid' }) });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const LoggedIn = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  acr: Acr,
  expiresAt: Type.String({ format: 'date-time', description: 'Absolute end of the session' }),
});

export const CsrfToken = Type.Object({
  token: Type.String({
    description: 'Send it in the x-csrf-token header on every POST, PUT, PATCH and DELETE',
  }),
});

export const Relation = Type.Union([
  Type.Literal('parent'),
  Type.Literal('guardian'),
  Type.Literal('curator'),
]);

export const ActingFor = Type.Object({
  fin: Fin,
  name: Type.String(),
  relation: Relation,
  until: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'First day the right no longer applies; null: open-ended',
  }),
});

export const AccountKind = Type.Union(
  [
    Type.Literal('natural-person'),
    Type.Literal('legal-person'),
    Type.Literal('state-body'),
    Type.Literal('local-self-government'),
  ],
  { description: 'Exactly one kind per account (IAM-003-2.1.4, IAM-004-1.6)' },
);

export const Me = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  kind: AccountKind,
  username: Type.String(),
  fin: Type.Union([Fin, Type.Null()]),
  firstName: Type.Union([Type.String(), Type.Null()]),
  lastName: Type.Union([Type.String(), Type.Null()]),
  patronymic: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  acr: Acr,
  amr: Type.Array(Type.String(), {
    description: 'Methods used to log in (pwd, x509, mobile, qr, passkey)',
  }),
  actingFor: Type.Optional(ActingFor),
  roles: Type.Optional(
    Type.Array(Type.Object({ member: Type.String(), module: Type.String(), role: Type.String() }), {
      description:
        'Roles as agency staff or operator (docs/staff-roles.md); they take effect only with acr high',
    }),
  ),
});

export const RepresentedPerson = Type.Object({
  fin: Fin,
  firstName: Type.String(),
  lastName: Type.String(),
  birthDate: Type.String({ format: 'date' }),
  relation: Relation,
  until: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description:
      'First day the right no longer applies (the 18th birthday; the end of the guardianship); null: open-ended',
  }),
});

export const ActForBody = Type.Object(
  {
    fin: Type.Union([Fin, Type.Null()], {
      description: 'A represented person; null (or your own FİN) to act for yourself again',
    }),
  },
  { additionalProperties: false },
);

export const MyDataAccessQuery = Type.Object(
  {
    subject: Type.Optional(Fin),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    member: Type.Optional(
      Type.String({ maxLength: 100, description: 'Agency (member code) that read the data' }),
    ),
    service: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

export const MyDataAccess = Type.Object({
  subjectFin: Fin,
  at: Type.String({ format: 'date-time' }),
  member: Type.String({ description: 'The agency that read the data (member code)' }),
  agency: Type.Union([Type.String(), Type.Null()], { description: 'Its name' }),
  system: Type.String({ description: 'Its information system (subsystem code)' }),
  service: Type.String({ description: 'What was read: provider/subsystem/service' }),
  purpose: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
});

export const SessionSummary = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  acr: Acr,
  amr: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});
