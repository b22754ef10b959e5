import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { arrayOf, isOneOf, isRecord, postJson, type Parser, type RequestError } from '../../api.ts';
import { parseActingFor, RELATIONS, useAuth, type Relation } from '../../auth.tsx';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';
import { RemoteList } from '../RemoteList.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';

export interface RepresentedPerson {
  fin: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  relation: Relation;
  until: string | null;
}

const parseRepresented: Parser<RepresentedPerson> = (value) => {
  if (!isRecord(value)) return undefined;
  const { fin, firstName, lastName, birthDate, relation, until } = value;
  if (typeof fin !== 'string' || typeof firstName !== 'string' || typeof lastName !== 'string') {
    return undefined;
  }
  if (typeof birthDate !== 'string' || (until !== null && typeof until !== 'string'))
    return undefined;
  if (typeof relation !== 'string' || !isOneOf(RELATIONS, relation)) return undefined;
  return { fin, firstName, lastName, birthDate, relation, until };
};
export const parseRepresentedList = arrayOf(parseRepresented);

const parseActResult: Parser<unknown> = (value) =>
  isRecord(value) && (value.actingFor === null || parseActingFor(value.actingFor) !== undefined)
    ? value
    : undefined;

/** Persons I may act for (listRepresentedPersons) and the switch (actFor). */
export function RepresentedSection() {
  const { t } = useTranslation();
  const { me, refresh } = useAuth();
  const { remote, retry } = useApi('/api/me/represented', parseRepresentedList);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const language = currentLanguage();

  async function actFor(person: RepresentedPerson | null): Promise<void> {
    setError(undefined);
    try {
      await postJson('/api/me/acting-for', { fin: person?.fin ?? null }, parseActResult);
      await refresh();
      setMessage(
        person === null
          ? t('auth.profile.represented.backToSelf')
          : t('auth.profile.represented.switched', {
              name: `${person.firstName} ${person.lastName}`,
            }),
      );
    } catch (failure) {
      setError(failure as RequestError);
    }
  }

  return (
    <section className="section" aria-labelledby="represented-title">
      <h2 id="represented-title">{t('auth.profile.represented.title')}</h2>
      <p>{t('auth.profile.represented.lead')}</p>
      <p className="success-message" role="status">
        {message}
      </p>
      {error !== undefined && (
        <ErrorMessage summary={t('auth.profile.represented.title')} error={error} />
      )}
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('auth.profile.represented.title')}
        empty={t('auth.profile.represented.none')}
      >
        {(people) => (
          <ul className="plain-list">
            {people.map((person) => {
              const name = `${person.firstName} ${person.lastName}`;
              const acting = me?.actingFor?.fin === person.fin;
              return (
                <li key={person.fin} className="panel">
                  <h3 className="panel__title">{name}</h3>
                  <dl className="summary-list">
                    <dt>{t('auth.profile.fin')}</dt>
                    <dd>{person.fin}</dd>
                    <dt>{t('auth.profile.birthDate')}</dt>
                    <dd>{formatDate(person.birthDate, language)}</dd>
                    <dt>{t('auth.profile.represented.until')}</dt>
                    <dd>
                      {person.until === null
                        ? t('auth.profile.represented.openEnded')
                        : formatDate(person.until, language)}
                    </dd>
                  </dl>
                  <p>
                    <span className="tag tag--grey">
                      {t(`auth.profile.relation.${person.relation}`)}
                    </span>
                  </p>
                  {acting ? (
                    <p>
                      <strong>{t('auth.profile.represented.acting')}</strong>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => void actFor(null)}
                      >
                        {t('auth.header.stopActing')}
                      </button>
                    </p>
                  ) : (
                    <button type="button" className="button" onClick={() => void actFor(person)}>
                      {t('auth.profile.represented.actFor', { name })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </RemoteList>
    </section>
  );
}
