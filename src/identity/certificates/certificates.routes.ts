import { Type } from 'typebox';
import { AppError } from '../../platform/errors/app-error.ts';
import type { App } from '../../platform/http/http.ts';
import { requireSession, sessionOf, setSessionCookie } from '../http-auth.ts';
import { LoggedIn } from '../identity.schema.ts';
import { CertificateNotFoundForHolder, CertificateSelfServiceOff } from './certificates.errors.ts';
import {
  CertificateLoginBody,
  CertificateSerialParams,
  IssuedCertificate,
  LoginChallenge,
  MyCertificate,
  MyCertificates,
  RevokeCertificateBody,
} from './certificates.schema.ts';
import type { CertificateService, CertificateStatus } from './certificates.service.ts';
import type { HeldCertificate } from './certificates.store.ts';

export interface CertificateRouteDeps {
  readonly certificates: CertificateService;
  readonly production: boolean;
}

function view(c: HeldCertificate & { status: CertificateStatus }): MyCertificate {
  return {
    serial: c.serial,
    profile: c.profile,
    subject: c.subject,
    fingerprintSha256: c.fingerprintSha256,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    issuedAt: c.issuedAt.toISOString(),
    status: c.status,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason ?? null,
  };
}

/** Certificate login and the holder's certificates (IAM-002-LOGIN-5, IAM-003-12.1.1). */
export function registerCertificateRoutes(app: App, deps: CertificateRouteDeps): void {
  const { certificates, production } = deps;

  app.post(
    '/api/auth/certificate/challenge',
    {
      schema: {
        operationId: 'startCertificateLogin',
        tags: ['identity'],
        summary: 'Start a login with an e-signature certificate: a one-time challenge to sign',
        description:
          'Sign the challenge text (its UTF-8 bytes) with the certificate’s private key, ECDSA P-256 with SHA-256, and send it to completeCertificateLogin within 2 minutes. A challenge is spent by the first attempt.',
        response: { 200: LoginChallenge },
      },
    },
    async () => {
      const challenge = await certificates.startLogin();
      return { ...challenge, expiresAt: challenge.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/certificate/login',
    {
      schema: {
        operationId: 'completeCertificateLogin',
        tags: ['identity'],
        summary: 'Log in with an e-signature certificate (acr high); sets the ehis_session cookie',
        description:
          'The certificate must be issued by the platform CA, in force now, not revoked, allow digitalSignature and name the FİN of a person in the population register; the signature must be over the exact challenge. The first login creates the account (IAM-004-5.3).',
        body: CertificateLoginBody,
        response: { 200: LoggedIn },
      },
    },
    async (request, reply) => {
      const result = await certificates.completeLogin(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(request, reply, result.token, production);
      return {
        userId: result.session.accountId,
        acr: result.session.acr,
        expiresAt: result.session.absoluteExpiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/me/certificates',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyCertificates',
        tags: ['identity'],
        summary: 'My e-signature certificates, newest first, with their status',
        description:
          'selfService says whether issueMyCertificate is offered (demo mode); otherwise certificates come from the registration authority.',
        response: { 200: MyCertificates },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const held = session.fin === null ? [] : await certificates.list(session.fin);
      return {
        certificates: held.map(view),
        selfService: certificates.selfService && session.fin !== null,
      };
    },
  );

  app.post(
    '/api/me/certificates',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'issueMyCertificate',
        tags: ['identity'],
        summary: 'Demo mode only: issue myself a certificate as a PKCS#12 file and its password',
        description:
          'Outside demo mode certificates come from the registration authority (npm run ehis -- issue-certificate) and this answers 403 identity/certificate-self-service-off. The answer is JSON with the file in base64 and its password, shown once: the server keeps neither the key nor the password (IAM-003-13.2).',
        response: { 201: IssuedCertificate },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      if (!certificates.selfService || session.fin === null) {
        throw new AppError(CertificateSelfServiceOff);
      }
      const issued = await certificates.issue({
        fin: session.fin,
        channel: 'demo-self-service',
        actor: `citizen:${session.fin}`,
        accountId: session.accountId,
      });
      if (issued === undefined) throw new AppError(CertificateSelfServiceOff);
      // The answer carries a password: no cache may keep it.
      void reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        certificate: view({ ...issued.certificate, status: 'valid' }),
        fileName: issued.fileName,
        p12Base64: Buffer.from(issued.p12).toString('base64'),
        password: issued.password,
      });
    },
  );

  app.post(
    '/api/me/certificates/:serial/revoke',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'revokeMyCertificate',
        tags: ['identity'],
        summary: 'Revoke one of my certificates (final; listed in the CA’s CRL)',
        description:
          'Any login may revoke: a person who lost the file logs in with the password to revoke it.',
        params: CertificateSerialParams,
        body: Type.Optional(RevokeCertificateBody),
        response: { 200: MyCertificate },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      if (session.fin === null) throw new AppError(CertificateNotFoundForHolder);
      const revoked = await certificates.revoke(
        session.fin,
        request.params.serial,
        request.body?.reason ?? 'unspecified',
        `citizen:${session.fin}`,
      );
      return view(revoked);
    },
  );
}
