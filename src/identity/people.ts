import type { ExchangeClient } from '../exchange/client.ts';
import { ExchangeCallError } from '../exchange/client.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { Unavailable } from '../platform/errors/platform.errors.ts';

/**
 * What identity needs to know about people, asked of the agencies through the exchange (issue 4:
 * never by reading their tables). Every call is signed, logged and shows in the person's data
 * tracker with its purpose.
 */
export interface PersonSummary {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly birthDate: string;
  readonly deathDate: string | null;
}

export type CardCheck =
  | { readonly match: false }
  | { readonly match: true; readonly status: string; readonly expiresOn: string | null };

export interface ChildLink {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
}

export interface GuardianshipLink {
  readonly kind: string;
  readonly guardianFin: string;
  readonly wardFin: string;
  readonly validUntil: string | null;
  readonly active: boolean;
}

export interface PersonDirectory {
  verifyIdCard(idCardNumber: string, fin: string, actor: string): Promise<CardCheck>;
  person(fin: string, actor: string): Promise<PersonSummary | undefined>;
  childrenOf(fin: string, actor: string): Promise<ChildLink[]>;
  guardianshipsOf(fin: string, actor: string): Promise<GuardianshipLink[]>;
}

const POPULATION = 'internal-affairs/population';
const CIVIL_REGISTRY = 'justice/civil-registry';

/**
 * A refused or failed exchange call is the platform's problem, not the user's: it becomes 503
 * platform/unavailable (logged with its cause), never a 500 or a misleading "not found".
 */
async function ask(
  client: ExchangeClient,
  service: string,
  request: Parameters<ExchangeClient['call']>[1],
): Promise<unknown> {
  try {
    return (await client.call(service, request)).body;
  } catch (error) {
    if (error instanceof ExchangeCallError && error.problem.status === 404) throw error;
    throw new AppError(Unavailable, { cause: error });
  }
}

/**
 * A person from the population register (`person-by-fin`), asked with `purpose` so the person's
 * data tracker says why; undefined when the register has no such person.
 */
export async function personByFin(
  client: ExchangeClient,
  fin: string,
  actor: string,
  purpose: string,
): Promise<PersonSummary | undefined> {
  try {
    const body = await ask(client, `${POPULATION}/person-by-fin`, {
      purpose,
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
}

export function exchangePersonDirectory(client: ExchangeClient): PersonDirectory {
  return {
    async verifyIdCard(idCardNumber, fin, actor) {
      const body = await ask(client, `${POPULATION}/verify-id-card`, {
        purpose: 'citizen-registration',
        subjectFin: fin,
        actor,
        body: { idCardNumber, fin },
      });
      return body as CardCheck;
    },
    person: (fin, actor) => personByFin(client, fin, actor, 'citizen-profile'),
    async childrenOf(fin, actor) {
      const body = await ask(client, `${CIVIL_REGISTRY}/children-of`, {
        purpose: 'representation-check',
        subjectFin: fin,
        actor,
        body: { fin },
      });
      return (
        body as {
          children: { childFin: string; firstName: string; lastName: string; birthDate: string }[];
        }
      ).children.map((c) => ({
        fin: c.childFin,
        firstName: c.firstName,
        lastName: c.lastName,
        birthDate: c.birthDate,
      }));
    },
    async guardianshipsOf(fin, actor) {
      const body = await ask(client, `${CIVIL_REGISTRY}/guardianships-of`, {
        purpose: 'representation-check',
        subjectFin: fin,
        actor,
        body: { fin },
      });
      return (body as { guardianships: GuardianshipLink[] }).guardianships;
    },
  };
}
