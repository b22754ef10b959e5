import type { App } from '../http/http.ts';
import { AppError } from '../errors/app-error.ts';
import { NotFound } from '../errors/platform.errors.ts';
import { DemoPersonList } from './demo.schema.ts';
import type { DemoDirectory } from './demo.service.ts';

export function registerDemoRoutes(
  app: App,
  deps: { readonly demo: boolean; readonly directory: DemoDirectory },
): void {
  app.get(
    '/api/demo/persons',
    {
      schema: {
        operationId: 'listDemoPersons',
        tags: ['demo'],
        summary:
          'Synthetic people to log in as in demo mode, tagged with what each shows (parent, ward, lost card, …)',
        description:
          'Demo mode only: without it the address does not exist (404 platform/not-found). The list is at most 40 people, stable for a seeded database, and its families are complete: a listed parent’s minor children and a listed ward’s guardian are listed too.',
        response: { 200: DemoPersonList },
      },
    },
    async () => {
      // Outside demo mode the route answers as if it did not exist: it shows real-looking people.
      if (!deps.demo) throw new AppError(NotFound);
      return deps.directory.listDemoPersons();
    },
  );
}
