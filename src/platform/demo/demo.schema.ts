import { Type, type Static } from 'typebox';
import { Fin, IdCardNumber, IdCardStatus, Sex } from '../../agencies/population/index.ts';

/**
 * What a demo person can show: `adult`/`minor` (18 is the age of majority), `parent` (of a
 * living minor child), `guardian`/`ward` (a guardianship or curatorship in force),
 * `expired-card`/`lost-card` (the card issued last).
 */
export const DemoTag = Type.Union([
  Type.Literal('adult'),
  Type.Literal('minor'),
  Type.Literal('parent'),
  Type.Literal('guardian'),
  Type.Literal('ward'),
  Type.Literal('expired-card'),
  Type.Literal('lost-card'),
]);
export type DemoTag = Static<typeof DemoTag>;

export const DemoPerson = Type.Object(
  {
    fin: Fin,
    idCardNumber: Type.Union([IdCardNumber, Type.Null()], {
      description: 'The card issued last; null for a child under 15, who has none',
    }),
    firstName: Type.String(),
    lastName: Type.String(),
    patronymic: Type.String(),
    sex: Sex,
    birthDate: Type.String({ format: 'date' }),
    idCardStatus: Type.Union([IdCardStatus, Type.Null()]),
    tags: Type.Array(DemoTag),
    relations: Type.Object(
      {
        minorChildren: Type.Array(Fin, { description: 'Living minor children (represented)' }),
        parents: Type.Array(Fin, { description: 'Living parents named on the birth record' }),
        wards: Type.Array(Fin, { description: 'Wards under a guardianship in force' }),
        guardians: Type.Array(Fin, { description: 'Guardians under a guardianship in force' }),
      },
      { description: 'FİNs of related people; every one of them is in the list too' },
    ),
  },
  { $id: 'DemoPerson' },
);
export type DemoPerson = Static<typeof DemoPerson>;

export const DemoPersonList = Type.Array(DemoPerson, { $id: 'DemoPersonList', maxItems: 40 });
export type DemoPersonList = Static<typeof DemoPersonList>;
