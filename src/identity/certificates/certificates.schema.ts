import { Type, type Static } from 'typebox';

const Instant = Type.String({ format: 'date-time' });

export const LoginChallenge = Type.Object({
  challengeId: Type.String({ description: 'Send it back with the signature' }),
  challenge: Type.String({
    description:
      'The exact text to sign (UTF-8 bytes), ECDSA P-256 with SHA-256, with the key of the certificate',
    examples: ['ehis-certificate-login:Zk9x…'],
  }),
  expiresAt: Type.String({
    format: 'date-time',
    description: '2 minutes from now; usable once',
  }),
});

export const CertificateLoginBody = Type.Object(
  {
    challengeId: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    certificate: Type.String({
      minLength: 64,
      maxLength: 8000,
      description: 'The signer’s certificate: PEM, or DER in base64',
    }),
    signature: Type.String({
      minLength: 64,
      maxLength: 400,
      description:
        'Base64 ECDSA signature over the challenge: raw r‖s (64 bytes, as WebCrypto makes) or DER',
    }),
  },
  { additionalProperties: false },
);
export type CertificateLoginBody = Static<typeof CertificateLoginBody>;

export const RevocationReasonBySubject = Type.Union(
  [
    Type.Literal('unspecified'),
    Type.Literal('key-compromise'),
    Type.Literal('superseded'),
    Type.Literal('cessation-of-operation'),
  ],
  {
    description:
      'key-compromise (the file or its password was lost or stolen), superseded (replaced by a new one), cessation-of-operation (no longer needed)',
  },
);

export const RevokeCertificateBody = Type.Object(
  { reason: Type.Optional(RevocationReasonBySubject) },
  { additionalProperties: false },
);
export type RevokeCertificateBody = Static<typeof RevokeCertificateBody>;

export const CertificateSerialParams = Type.Object({
  serial: Type.String({
    pattern: '^[0-9a-fA-F]{2,64}$',
    description: 'Serial number in hex, as listed',
  }),
});

export const MyCertificate = Type.Object({
  serial: Type.String({ description: 'Serial number, lowercase hex' }),
  profile: Type.Union([Type.Literal('person-signature'), Type.Literal('staff-signature')]),
  subject: Type.String(),
  fingerprintSha256: Type.String({ description: 'SHA-256 of the certificate, lowercase hex' }),
  notBefore: Instant,
  notAfter: Instant,
  issuedAt: Instant,
  status: Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('revoked')]),
  revokedAt: Type.Union([Instant, Type.Null()]),
  revocationReason: Type.Union([Type.String(), Type.Null()]),
});
export type MyCertificate = Static<typeof MyCertificate>;

export const MyCertificates = Type.Object({
  certificates: Type.Array(MyCertificate),
  selfService: Type.Boolean({
    description: 'Whether issueMyCertificate is offered to this user (demo mode only)',
  }),
});

export const IssuedCertificate = Type.Object({
  certificate: MyCertificate,
  fileName: Type.String({ examples: ['ehis-5ZJ8K2L-3f9a0c1d.p12'] }),
  p12Base64: Type.String({
    description:
      'The PKCS#12 file (application/x-pkcs12), base64: the private key (PBES2, AES-256-CBC), the certificate and the platform CA certificate',
  }),
  password: Type.String({
    description: 'The file’s password. Shown this once: the server keeps neither it nor the key',
  }),
});
