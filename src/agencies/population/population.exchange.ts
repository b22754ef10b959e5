import { Type } from 'typebox';
import { AppError } from '../../platform/errors/app-error.ts';
import { SubjectNotFound } from '../../exchange/exchange.errors.ts';
import { contract, type ProvidedService } from '../../exchange/provided-service.ts';
import { Fin, IdCardNumber, IdCardVerification, Person } from './population.schema.ts';
import type { PopulationRegister } from './population.service.ts';

/** The population register joins the exchange as member `internal-affairs`, subsystem `population`. */
export const POPULATION_PROVIDER = {
  member: {
    code: 'internal-affairs',
    nameAz: 'Azərbaycan Respublikasının Daxili İşlər Nazirliyi',
    nameEn: 'Ministry of Internal Affairs of the Republic of Azerbaijan',
    legalForm: 'state-body',
  },
  subsystem: { code: 'population', name: 'Əhalinin dövlət reyestri / State population register' },
} as const;

const FinRequest = Type.Object({ fin: Fin }, { additionalProperties: false });

/**
 * The services other members read the register through (issue 3 item 10). Other agency modules
 * never import this module: they call these services through the exchange (ARCHITECTURE rule 2).
 */
export function populationServices(register: PopulationRegister): ProvidedService[] {
  return [
    {
      definition: {
        code: 'person-by-fin',
        version: 1,
        titleAz: 'FİN üzrə şəxs haqqında məlumat',
        titleEn: 'Person by FİN',
        requestSchema: contract(FinRequest),
        responseSchema: contract(Person),
        subjectIsPerson: true,
        dataClassification: 'restricted',
      },
      handler: async (request) => {
        const person = await register.findPersonByFin((request.body as { fin: string }).fin);
        if (person === undefined) throw new AppError(SubjectNotFound);
        return person;
      },
    },
    {
      definition: {
        code: 'verify-id-card',
        version: 1,
        titleAz: 'Şəxsiyyət vəsiqəsinin FİN ilə uyğunluğunun yoxlanılması',
        titleEn: 'Verify an ID card against a FİN',
        requestSchema: contract(
          Type.Object({ idCardNumber: IdCardNumber, fin: Fin }, { additionalProperties: false }),
        ),
        responseSchema: contract(IdCardVerification),
        subjectIsPerson: true,
        dataClassification: 'restricted',
      },
      // Which field is wrong is never said: an unknown card and another person's card answer alike.
      handler: async (request) => {
        const body = request.body as { idCardNumber: string; fin: string };
        return register.verifyIdCard(body.idCardNumber, body.fin);
      },
    },
  ];
}
