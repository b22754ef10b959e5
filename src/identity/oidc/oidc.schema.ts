import { Type, type Static } from 'typebox';

const MemberCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'Code of the member agency on the exchange that runs the relying party',
  examples: ['health'],
});

export const RedirectUri = Type.String({
  format: 'uri',
  maxLength: 500,
  description:
    'Where the user comes back with the authorization code: https (http only to localhost outside production), no fragment',
  examples: ['https://cabinet.health.gov.az/auth/callback'],
});

export const RegisterOidcClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Elektron sağlamlıq kabineti'] }),
    member: MemberCode,
    redirectUris: Type.Array(RedirectUri, { minItems: 1, maxItems: 10, uniqueItems: true }),
    allowFin: Type.Boolean({
      description:
        'Whether the client may ask for scope fin (the FİN claim); grant only with a legal basis',
    }),
  },
  { additionalProperties: false },
);
export type RegisterOidcClientBody = Static<typeof RegisterOidcClientBody>;

export const OidcClient = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  member: Type.String(),
  redirectUris: Type.Array(Type.String()),
  allowFin: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type OidcClient = Static<typeof OidcClient>;

export const RegisteredOidcClient = Type.Intersect([
  OidcClient,
  Type.Object({
    clientSecret: Type.String({
      description:
        'Shown once: the client authenticates at the token endpoint with client_secret_basic',
    }),
    issuer: Type.String({
      description: 'The issuer; discovery at <issuer>/.well-known/openid-configuration',
    }),
  }),
]);

export const OidcClientParams = Type.Object({
  clientId: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }),
});

export const InteractionParams = Type.Object({
  uid: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }),
});
