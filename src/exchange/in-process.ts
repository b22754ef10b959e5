import { AppError } from '../platform/errors/app-error.ts';
import type { Transport } from './client.ts';
import { parseServiceId, type Gateway } from './gateway.ts';

/**
 * Calls the gateway in the same process: the same code path as HTTP (signature, grant, schema,
 * log), without the socket. Platform modules use it to reach agency systems.
 */
export function inProcessTransport(gateway: Gateway): Transport {
  return async (service, jws) => {
    const target = parseServiceId(service);
    try {
      if (target === undefined) throw new Error(`not a service id: ${service}`);
      const result = await gateway.call(target, jws, 'en');
      return {
        status: result.status,
        contentType: 'application/jose',
        text: result.jws,
        envelope: result.envelope,
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return {
        status: error.status,
        contentType: 'application/problem+json',
        text: JSON.stringify({
          type: error.type,
          title: error.titleIn('en'),
          status: error.status,
          ...(error.errors === undefined ? {} : { errors: error.errors }),
        }),
      };
    }
  };
}
