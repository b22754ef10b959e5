import { ExchangeCallError, type ExchangeClient } from '../../exchange/client.ts';
import type { PersonSummary } from '../people.ts';
import type { PersonLookup } from './staff.service.ts';

/**
 * The population register's answer about a person about to get a role, asked through the
 * exchange with its own purpose (`staff-registration`), so the person's data tracker says why.
 */
export function staffPersonLookup(client: ExchangeClient): PersonLookup {
  return async (fin, actor) => {
    try {
      const { body } = await client.call('internal-affairs/population/person-by-fin', {
        purpose: 'staff-registration',
        subjectFin: fin,
        actor,
        body: { fin },
      });
      const p = body as PersonSummary;
      return {
        fin: p.fin,
        firstName: p.firstName,
        lastName: p.lastName,
        patronymic: p.patronymic,
        birthDate: p.birthDate,
        deathDate: p.deathDate,
      };
    } catch (error) {
      if (error instanceof ExchangeCallError && error.problem.status === 404) return undefined;
      throw error;
    }
  };
}
