import { Type } from 'typebox';
import { AppError } from '../../platform/errors/app-error.ts';
import { SubjectNotFound } from '../../exchange/exchange.errors.ts';
import { contract, type ProvidedService } from '../../exchange/provided-service.ts';
import { BirthRecord, Guardianship, ParentLink } from './civil-registry.schema.ts';
import type { CivilRegistry } from './civil-registry.service.ts';

/** The civil registry joins the exchange as member `justice`, subsystem `civil-registry`. */
export const CIVIL_REGISTRY_PROVIDER = {
  member: {
    code: 'justice',
    nameAz: 'Azərbaycan Respublikasının Ədliyyə Nazirliyi',
    nameEn: 'Ministry of Justice of the Republic of Azerbaijan',
    legalForm: 'state-body',
  },
  subsystem: {
    code: 'civil-registry',
    name: 'Vətəndaşlıq vəziyyəti aktları / Civil-status registry',
  },
} as const;

const FinRequest = contract(
  Type.Object(
    { fin: Type.String({ pattern: '^[0-9A-HJ-NP-Z]{7}$' }) },
    { additionalProperties: false },
  ),
);

const finOf = (body: unknown): string => (body as { fin: string }).fin;

export function civilRegistryServices(registry: CivilRegistry): ProvidedService[] {
  const person = {
    subjectIsPerson: true,
    dataClassification: 'restricted' as const,
    version: 1,
    requestSchema: FinRequest,
  };
  return [
    {
      definition: {
        ...person,
        code: 'children-of',
        titleAz: 'Şəxsin uşaqları (doğum aktları üzrə)',
        titleEn: 'Children of a person (from birth records)',
        responseSchema: contract(Type.Object({ children: Type.Array(BirthRecord) })),
      },
      handler: async (request) => ({ children: await registry.childrenOf(finOf(request.body)) }),
    },
    {
      definition: {
        ...person,
        code: 'parents-of',
        titleAz: 'Şəxsin valideynləri',
        titleEn: 'Parents of a person',
        responseSchema: contract(Type.Object({ parents: Type.Array(ParentLink) })),
      },
      handler: async (request) => ({ parents: await registry.parentsOf(finOf(request.body)) }),
    },
    {
      definition: {
        ...person,
        code: 'guardianships-of',
        titleAz: 'Qəyyumluq və himayə (qəyyum və ya qəyyumluq altında olan kimi)',
        titleEn: 'Guardianships of a person (as guardian or as ward)',
        responseSchema: contract(Type.Object({ guardianships: Type.Array(Guardianship) })),
      },
      handler: async (request) => ({
        guardianships: await registry.guardianshipsOf(finOf(request.body)),
      }),
    },
    {
      definition: {
        ...person,
        code: 'birth-record',
        titleAz: 'Doğum haqqında akt qeydi',
        titleEn: 'Birth record',
        responseSchema: contract(BirthRecord),
      },
      handler: async (request) => {
        const record = await registry.birthRecordOf(finOf(request.body));
        if (record === undefined) throw new AppError(SubjectNotFound);
        return record;
      },
    },
  ];
}
