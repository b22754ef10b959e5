import type { ChildLink, GuardianshipLink } from './people.ts';

/** Age of majority in Azerbaijan (Civil Code art. 28; docs/decisions.md IAM-000-1.8b). */
export const MAJORITY_AGE = 18;

/**
 * The day a person born on `birthDate` turns `years`: the first day the parent's right to act
 * for them no longer applies. Someone born on 29 February comes of age on 1 March in a common
 * year (docs/decisions.md IAM-000-1.8a).
 */
export function birthdayAt(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export type Relation = 'parent' | 'guardian' | 'curator';

export interface Represented {
  readonly fin: string;
  readonly relation: Relation;
  /** First day the right no longer applies; null for an open-ended guardianship. */
  readonly until: string | null;
}

/**
 * Whom a person may act for on `today` (issue 4 item 5): minor children (born, not yet 18) and
 * wards of a guardianship or curatorship in force. A person both child and ward appears once,
 * with the right that lasts longer.
 */
export function representedOn(
  userFin: string,
  children: readonly ChildLink[],
  guardianships: readonly GuardianshipLink[],
  today: string,
): Represented[] {
  const byFin = new Map<string, Represented>();
  const offer = (candidate: Represented): void => {
    const known = byFin.get(candidate.fin);
    if (
      known === undefined ||
      (known.until !== null && (candidate.until === null || candidate.until > known.until))
    ) {
      byFin.set(candidate.fin, candidate);
    }
  };
  for (const child of children) {
    const until = birthdayAt(child.birthDate, MAJORITY_AGE);
    if (child.birthDate <= today && today < until) {
      offer({ fin: child.fin, relation: 'parent', until });
    }
  }
  for (const g of guardianships) {
    if (g.guardianFin !== userFin || !g.active) continue;
    if (g.validUntil !== null && g.validUntil <= today) continue;
    offer({
      fin: g.wardFin,
      relation: g.kind === 'curatorship' ? 'curator' : 'guardian',
      until: g.validUntil,
    });
  }
  return [...byFin.values()];
}

/** Whether a right recorded in a session still holds on `today`. */
export function stillRepresents(until: string | null, today: string): boolean {
  return until === null || today < until;
}
