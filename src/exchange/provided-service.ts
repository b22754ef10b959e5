import type { PublishServiceInput } from './exchange.service.ts';
import type { ProviderHandler } from './gateway.ts';

/** A service an in-process provider module publishes: its contract and its handler. */
export interface ProvidedService {
  readonly definition: Omit<PublishServiceInput, 'member' | 'subsystem'>;
  readonly handler: ProviderHandler;
}

/**
 * A JSON Schema without `$id`s: contracts are compiled side by side in one Ajv instance, where
 * two services embedding the same named TypeBox schema would otherwise collide.
 */
export function contract(schema: unknown): object {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) => (key === '$id' ? undefined : value)),
  ) as object;
}
