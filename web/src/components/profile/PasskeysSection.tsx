import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  arrayOf,
  deleteJson,
  isRecord,
  noContent,
  type Parser,
  type RequestError,
} from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';
import { RemoteList } from '../RemoteList.tsx';
import { addPasskey, PasskeyCancelled, passkeysSupported } from '../auth/passkey-ceremony.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { StackedTable } from '../StackedTable.tsx';

interface PasskeyRow {
  id: string;
  label: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

const parsePasskey: Parser<PasskeyRow> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, label, backedUp, createdAt, lastUsedAt } = value;
  if (typeof id !== 'string' || typeof label !== 'string') return undefined;
  if (typeof backedUp !== 'boolean' || typeof createdAt !== 'string') return undefined;
  return {
    id,
    label,
    backedUp,
    createdAt,
    lastUsedAt: typeof lastUsedAt === 'string' ? lastUsedAt : null,
  };
};
const parsePasskeys = arrayOf(parsePasskey);

/** My passkeys (listMyPasskeys): add one (start/finishPasskeyRegistration), remove one. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  const { remote, reload, retry } = useApi('/api/me/passkeys', parsePasskeys);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<
    { summary: string; error: RequestError | undefined } | undefined
  >(undefined);
  const language = currentLanguage();
  const supported = passkeysSupported();

  async function add(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setMessage('');
    try {
      await addPasskey(label);
      setLabel('');
      setMessage(t('passkeys.profile.added'));
      reload();
    } catch (error) {
      setFailure({
        summary: t('passkeys.profile.addFailed'),
        error: error instanceof PasskeyCancelled ? undefined : (error as RequestError),
      });
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string): Promise<void> {
    setFailure(undefined);
    setMessage('');
    try {
      await deleteJson(`/api/me/passkeys/${encodeURIComponent(id)}`, noContent);
      setMessage(t('passkeys.profile.removed'));
      reload();
    } catch (error) {
      setFailure({ summary: t('passkeys.profile.removeFailed'), error: error as RequestError });
    }
  }

  return (
    <section className="section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeys.profile.title')}</h2>
      <p>{t('passkeys.profile.lead')}</p>
      <p className="success-message" role="status">
        {message}
      </p>
      {failure !== undefined && failure.error !== undefined && (
        <ErrorMessage summary={failure.summary} error={failure.error} />
      )}
      {failure !== undefined && failure.error === undefined && (
        <div className="error-message" role="alert">
          <p className="error-message__summary">{failure.summary}</p>
          <p>{t('passkeys.profile.cancelled')}</p>
        </div>
      )}
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('passkeys.profile.title')}
        empty={t('passkeys.profile.none')}
      >
        {(passkeys) => (
          <StackedTable
            caption={t('passkeys.profile.caption')}
            columns={[
              { key: 'name', label: t('passkeys.profile.name') },
              { key: 'created', label: t('passkeys.profile.created') },
              { key: 'lastUsed', label: t('passkeys.profile.lastUsed') },
              { key: 'synced', label: t('passkeys.profile.synced') },
              { key: 'actions', label: t('passkeys.profile.actions') },
            ]}
          >
            {passkeys.map((p) => (
              <tr role="row" key={p.id}>
                <td role="cell" data-label={t('passkeys.profile.name')}>
                  {p.label}
                </td>
                <td role="cell" data-label={t('passkeys.profile.created')}>
                  {formatDateTime(p.createdAt, language)}
                </td>
                <td role="cell" data-label={t('passkeys.profile.lastUsed')}>
                  {p.lastUsedAt === null
                    ? t('passkeys.profile.never')
                    : formatDateTime(p.lastUsedAt, language)}
                </td>
                <td role="cell" data-label={t('passkeys.profile.synced')}>
                  {p.backedUp ? t('passkeys.profile.syncedYes') : t('passkeys.profile.syncedNo')}
                </td>
                <td role="cell" data-label={t('passkeys.profile.actions')}>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('passkeys.profile.removeNamed', { label: p.label })}
                    onClick={() => void remove(p.id)}
                  >
                    {t('passkeys.profile.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </StackedTable>
        )}
      </RemoteList>
      {supported ? (
        <form onSubmit={(event) => void add(event)} noValidate>
          <div className="form-group">
            <label className="label" htmlFor={labelId}>
              {t('passkeys.profile.label')}
            </label>
            <p className="hint" id={hintId}>
              {t('passkeys.profile.labelHint')}
            </p>
            <input
              id={labelId}
              className="input"
              name="passkey-label"
              maxLength={60}
              aria-describedby={hintId}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          </div>
          <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
            {busy ? t('passkeys.profile.adding') : t('passkeys.profile.add')}
          </button>
        </form>
      ) : (
        <p>{t('passkeys.profile.unsupported')}</p>
      )}
    </section>
  );
}
