import type { ExchangeClient } from '../../exchange/client.ts';
import { personByFin } from '../people.ts';
import type { PersonLookup } from './staff.service.ts';

/**
 * The population register's answer about a person about to get a role, asked through the
 * exchange with its own purpose (`staff-registration`), so the person's data tracker says why.
 */
export function staffPersonLookup(client: ExchangeClient): PersonLookup {
  return (fin, actor) => personByFin(client, fin, actor, 'staff-registration');
}
