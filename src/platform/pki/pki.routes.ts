import type { App } from '../http/http.ts';
import type { CertificateAuthority } from './pki.service.ts';

/**
 * What relying parties need to check certificates themselves: the platform CA certificate and
 * its current revocation list (public, like any CA's).
 */
export function registerPkiRoutes(app: App, deps: { readonly ca: CertificateAuthority }): void {
  app.get(
    '/pki/ca.pem',
    {
      schema: {
        operationId: 'getCaCertificate',
        tags: ['pki'],
        summary: 'The platform CA certificate (PEM)',
      },
    },
    async (_request, reply) => reply.type('application/x-pem-file').send(deps.ca.certificatePem),
  );
  app.get(
    '/pki/crl',
    {
      schema: {
        operationId: 'getCertificateRevocationList',
        tags: ['pki'],
        summary:
          'The current certificate revocation list (DER, application/pkix-crl; ?format=pem for PEM)',
      },
    },
    async (request, reply) => {
      const crl = await deps.ca.getCrl();
      const pem = (request.query as { format?: string }).format === 'pem';
      return reply
        .header(
          'cache-control',
          `max-age=${Math.max(0, Math.floor((crl.nextUpdate.getTime() - Date.now()) / 1000))}`,
        )
        .type(pem ? 'application/x-pem-file' : 'application/pkix-crl')
        .send(pem ? crl.pem : Buffer.from(crl.der));
    },
  );
}
