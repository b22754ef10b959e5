import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from './http.ts';
import { WEB_CSP } from './web-paths.ts';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Serves the built React app at `/`. Paths that are not files fall back to index.html so the
 * app's own router can show them; /api and /exchange paths keep their problem+json 404.
 */
export async function registerWeb(app: App): Promise<void> {
  if (!existsSync(WEB_DIST)) {
    app.log.warn('web/dist is missing: run `npm run build:web` to serve the web app');
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: ['index.html'],
    setHeaders(res, path) {
      // Hashed assets never change; index.html must be revalidated to pick up a new build.
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      if (path.endsWith('.html')) res.header('content-security-policy', WEB_CSP);
    },
  });
}
