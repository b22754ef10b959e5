import { Type, type Static } from 'typebox';

const Base64Url = Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 20_000 });

/** What the browser's WebAuthn call needs (PublicKeyCredentialCreationOptionsJSON). */
export const PasskeyRegistrationOptions = Type.Object(
  {
    challenge: Type.String(),
    rp: Type.Object({ id: Type.Optional(Type.String()), name: Type.String() }),
    user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
    pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Number(), type: Type.String() })),
    timeout: Type.Optional(Type.Number()),
    excludeCredentials: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          type: Type.String(),
          transports: Type.Optional(Type.Array(Type.String())),
        }),
      ),
    ),
    authenticatorSelection: Type.Optional(
      Type.Object({
        residentKey: Type.Optional(Type.String()),
        requireResidentKey: Type.Optional(Type.Boolean()),
        userVerification: Type.Optional(Type.String()),
        authenticatorAttachment: Type.Optional(Type.String()),
      }),
    ),
    attestation: Type.Optional(Type.String()),
    extensions: Type.Optional(Type.Object({ credProps: Type.Optional(Type.Boolean()) })),
    hints: Type.Optional(Type.Array(Type.String())),
  },
  {
    description:
      'Pass to navigator.credentials.create() (or startRegistration of @simplewebauthn/browser)',
  },
);

/** What the browser's WebAuthn call needs (PublicKeyCredentialRequestOptionsJSON). */
export const PasskeyLoginOptions = Type.Object(
  {
    challenge: Type.String(),
    rpId: Type.Optional(Type.String()),
    timeout: Type.Optional(Type.Number()),
    userVerification: Type.Optional(Type.String()),
    allowCredentials: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          type: Type.String(),
          transports: Type.Optional(Type.Array(Type.String())),
        }),
      ),
    ),
  },
  {
    description:
      'Pass to navigator.credentials.get() (or startAuthentication of @simplewebauthn/browser)',
  },
);

const CredentialFields = {
  id: Base64Url,
  rawId: Base64Url,
  type: Type.Literal('public-key'),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
};

export const FinishPasskeyRegistrationBody = Type.Object(
  {
    label: Type.Optional(
      Type.String({ maxLength: 60, description: 'A name to tell your passkeys apart' }),
    ),
    credential: Type.Object(
      {
        ...CredentialFields,
        response: Type.Object(
          {
            clientDataJSON: Base64Url,
            attestationObject: Base64Url,
            transports: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
          },
          { additionalProperties: true },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type FinishPasskeyRegistrationBody = Static<typeof FinishPasskeyRegistrationBody>;

export const FinishPasskeyLoginBody = Type.Object(
  {
    credential: Type.Object(
      {
        ...CredentialFields,
        response: Type.Object(
          {
            clientDataJSON: Base64Url,
            authenticatorData: Base64Url,
            signature: Base64Url,
            userHandle: Type.Optional(Base64Url),
          },
          { additionalProperties: true },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type FinishPasskeyLoginBody = Static<typeof FinishPasskeyLoginBody>;

export const Passkey = Type.Object({
  id: Type.String({ description: 'The credential id (base64url)' }),
  label: Type.String(),
  deviceType: Type.String({ description: 'singleDevice or multiDevice (synced)' }),
  backedUp: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const PasskeyParams = Type.Object({ id: Base64Url });
