import { Type, type Static } from 'typebox';

const Base64UrlCoordinate = Type.String({
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: 'base64url coordinate of the P-256 point (32 bytes)',
});

export const DevicePublicKeyJwk = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Base64UrlCoordinate,
    y: Base64UrlCoordinate,
    ext: Type.Optional(Type.Boolean()),
    key_ops: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 })),
  },
  {
    additionalProperties: false,
    description:
      'The public key as WebCrypto exports it (crypto.subtle.exportKey("jwk", publicKey)); a private part (d) is refused',
  },
);

export const Phone = Type.String({
  pattern: '^\\+994[0-9]{9}$',
  description: 'Azerbaijani mobile number, +994 and 9 digits',
  examples: ['+994501234567'],
});

export const MobileUserId = Type.String({
  pattern: '^[0-9]{6}$',
  description: 'The 6-digit mobile user id shown when the device was registered',
  examples: ['048213'],
});

const DeviceAssurance = Type.Union([Type.Literal('substantial'), Type.Literal('high')], {
  description:
    'acr of a login with this device: high when registered from an acr-high (certificate) session or activated in demo mode, substantial when registered from a password or passkey session',
});

export const RegisterDeviceBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60, description: 'e.g. "My phone"' }),
    phone: Phone,
    publicKey: DevicePublicKeyJwk,
    demoActivation: Type.Optional(
      Type.Boolean({
        description:
          'Demo mode only: activate the device at acr high without a certificate login (stands in for the service-point identity check)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterDeviceBody = Static<typeof RegisterDeviceBody>;

export const DeviceView = Type.Object({
  deviceId: Type.String({ format: 'uuid' }),
  mobileUserId: MobileUserId,
  label: Type.String(),
  phone: Phone,
  assurance: DeviceAssurance,
  activatedBy: Type.String({
    description: 'How the registering session was logged in (pwd, passkey, x509, …) or demo',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type DeviceView = Static<typeof DeviceView>;

export const DeviceActivation = Type.Object({
  assurance: DeviceAssurance,
  demoActivation: Type.Boolean({
    description: 'Whether registerDevice accepts demoActivation (demo mode only)',
  }),
});

export const DeviceParams = Type.Object({ deviceId: Type.String({ format: 'uuid' }) });
export const DeviceRequestParams = Type.Object({
  deviceId: Type.String({ format: 'uuid' }),
  challengeId: Type.String({ format: 'uuid' }),
});
export const ChallengeParams = Type.Object({ challengeId: Type.String({ format: 'uuid' }) });

export const StartMobileLoginBody = Type.Object(
  { phone: Phone, mobileUserId: MobileUserId },
  { additionalProperties: false },
);

export const MobileLoginStarted = Type.Object({
  challengeId: Type.String({ format: 'uuid' }),
  verificationCode: Type.String({
    pattern: '^[0-9]{4}$',
    description: 'Shown on this page and on the phone: the user approves only if they match',
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const QrLoginStarted = Type.Object({
  challengeId: Type.String({ format: 'uuid' }),
  verificationCode: Type.String({ pattern: '^[0-9]{4}$' }),
  qrPayload: Type.String({
    format: 'uri',
    description:
      'The URL the QR code holds: /mobile/approve/<challengeId>#<secret>; the secret in the fragment never reaches a server log',
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const ChallengeStatus = Type.Object({
  status: Type.Union(
    [
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('denied'),
      Type.Literal('completed'),
      Type.Literal('expired'),
    ],
    { description: 'approved: call completeDeviceLogin within 60 seconds' },
  ),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const DeviceRequest = Type.Object({
  challengeId: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('mobile'), Type.Literal('qr')]),
  verificationCode: Type.String({ pattern: '^[0-9]{4}$' }),
  nonce: Type.String({
    description:
      'Sign "ehis-device-decision:v1:<approve|deny>:<challengeId>:<deviceId>:<nonce>" to answer',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  requestedFrom: Type.Object({
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  }),
});

export const DeviceProofHeaders = Type.Object({
  'x-ehis-device-proof': Type.Optional(
    Type.String({
      maxLength: 120,
      description:
        '<time in ms>.<base64url ECDSA P-256 SHA-256 signature (r‖s) of "ehis-device-proof:v1:<deviceId>:<time in ms>">; the time within 2 minutes of the server and newer than the previous proof; without it 401 identity/device-unrecognised',
    }),
  ),
  'x-ehis-qr-secret': Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'For a QR request: the secret from the fragment of the scanned URL',
    }),
  ),
});

export const DecisionBody = Type.Object(
  {
    signature: Type.String({
      pattern: '^[A-Za-z0-9_-]{86}$',
      description:
        'base64url ECDSA P-256 SHA-256 signature (r‖s, as WebCrypto makes it) of the decision message',
    }),
    qrSecret: Type.Optional(
      Type.String({ maxLength: 100, description: 'For a QR request: the secret of the code' }),
    ),
  },
  { additionalProperties: false },
);
