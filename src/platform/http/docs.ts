import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from './http.ts';

/** OpenAPI 3 generated from the route schemas (never hand-written), browsable at /api/docs. */
export async function registerApiDocs(app: App, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'EHİS API',
        description:
          'One-window portal, single sign-on, e-service registry and the inter-agency data exchange (EHİS). Errors are RFC 9457 application/problem+json; see docs/errors.md.',
        version,
      },
      components: {
        securitySchemes: {
          operatorSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ehis_session',
            description:
              'A session with acr high (certificate or mobile signature) of a person holding the operator role (docs/staff-roles.md)',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true, operationId: 'getOpenApi' } }, async () =>
    app.swagger(),
  );
}
