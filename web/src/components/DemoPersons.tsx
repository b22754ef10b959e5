import { useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { ApiError, isOneOf, parseDemoPersons, type DemoPerson } from '../api.ts';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { StackedTable } from './StackedTable.tsx';

/**
 * The API lists up to 40 persons, families kept together. Twenty rows keep the page short on a
 * phone; the search reaches the rest.
 */
const MAX_ROWS = 20;

/**
 * Values the server defines (population IdCardStatus, demo DemoTag) that have a translation.
 * A value added on the server later is shown as sent until the catalogs catch up.
 */
const ID_CARD_STATUSES = ['valid', 'expired', 'lost', 'annulled'] as const;
const DEMO_TAGS = [
  'adult',
  'minor',
  'parent',
  'guardian',
  'ward',
  'expired-card',
  'lost-card',
] as const;

/**
 * Folds case and the Azerbaijani letters a visitor may type without (ə→e, ı→i, ş→s, …), so
 * "memmedov" finds "Məmmədov" and "ismayil" finds "İsmayıl".
 */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[əƏ]/g, 'e')
    .replace(/[ıI]/g, 'i')
    .toLowerCase();
}

function tagLabel(t: TFunction, tag: string): string {
  return isOneOf(DEMO_TAGS, tag) ? t(`demo.tags.${tag}`) : tag;
}

function statusLabel(t: TFunction, status: string): string {
  return isOneOf(ID_CARD_STATUSES, status) ? t(`demo.idCardStatus.${status}`) : status;
}

/**
 * Shown only in demo mode: outside it the server answers 404 and the section disappears, since
 * there is nothing for a citizen to do with it.
 */
export function DemoPersons() {
  const { t } = useTranslation();
  const { remote, retry } = useApi('/api/demo/persons', parseDemoPersons);
  if (remote.state === 'error' && remote.error instanceof ApiError && remote.error.status === 404) {
    return null;
  }
  return (
    <section className="section" aria-labelledby="demo-persons-heading">
      <h2 id="demo-persons-heading">{t('demo.heading')}</h2>
      <p>
        {t('demo.intro')} <Link to="/register">{t('demo.registerLink')}</Link>
      </p>
      {remote.state === 'loading' && <p role="status">{t('demo.loading')}</p>}
      {remote.state === 'error' && (
        <ErrorMessage summary={t('demo.error')} error={remote.error} onRetry={retry} />
      )}
      {remote.state === 'ok' && <DemoPersonTable persons={remote.data} />}
    </section>
  );
}

function DemoPersonTable({ persons }: { persons: readonly DemoPerson[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const inputId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');

  // The search covers tags in the current language too, so "valideyn" finds the parents.
  const searchable = useMemo(
    () =>
      persons.map((person) => ({
        person,
        key: fold(
          [
            person.lastName,
            person.firstName,
            person.patronymic,
            person.fin,
            ...person.tags.map((tag) => tagLabel(t, tag)),
          ].join(' '),
        ),
      })),
    // `t` changes identity with the language, so the tag labels are folded again then.
    [persons, t],
  );
  const matches = useMemo(() => {
    const needle = fold(query.trim());
    return needle === '' ? searchable : searchable.filter((entry) => entry.key.includes(needle));
  }, [searchable, query]);
  const shown = matches.slice(0, MAX_ROWS);

  if (persons.length === 0) return <p>{t('demo.empty')}</p>;

  return (
    <>
      <div className="form-group">
        <label className="label" htmlFor={inputId}>
          {t('demo.filterLabel')}
        </label>
        <p className="hint" id={hintId}>
          {t('demo.filterHint')}
        </p>
        <input
          id={inputId}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p role="status" className="result-count">
        {matches.length === 0
          ? t('demo.noMatch')
          : t('demo.count', { shown: shown.length, total: matches.length })}
      </p>
      {shown.length > 0 && (
        <StackedTable
          caption={t('demo.caption')}
          columns={[
            { key: 'name', label: t('demo.columns.name') },
            { key: 'fin', label: t('demo.columns.fin') },
            { key: 'idCard', label: t('demo.columns.idCard') },
            { key: 'birthDate', label: t('demo.columns.birthDate') },
            { key: 'tags', label: t('demo.columns.tags') },
          ]}
        >
          {shown.map(({ person }) => (
            <tr key={person.fin} role="row">
              <th scope="row" role="rowheader" lang="az" className="table__row-heading">
                {[person.lastName, person.firstName, person.patronymic]
                  .filter((part) => part !== '')
                  .join(' ')}
              </th>
              <td role="cell" data-label={t('demo.columns.fin')}>
                <span className="code">{person.fin}</span>
              </td>
              <td role="cell" data-label={t('demo.columns.idCard')}>
                {person.idCardNumber === null ? (
                  <span className="secondary-text">{t('demo.noIdCard')}</span>
                ) : (
                  <span>
                    <span className="code">{person.idCardNumber}</span>{' '}
                    {person.idCardStatus !== null && (
                      <span className="secondary-text">{statusLabel(t, person.idCardStatus)}</span>
                    )}
                  </span>
                )}
              </td>
              <td role="cell" data-label={t('demo.columns.birthDate')} className="nowrap">
                {formatDate(person.birthDate, language)}
              </td>
              <td role="cell" data-label={t('demo.columns.tags')}>
                {person.tags.length === 0 ? (
                  <span className="secondary-text">{t('demo.noTags')}</span>
                ) : (
                  <ul className="tag-list">
                    {person.tags.map((tag) => (
                      <li key={tag} className="tag tag--grey">
                        {tagLabel(t, tag)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </StackedTable>
      )}
    </>
  );
}
