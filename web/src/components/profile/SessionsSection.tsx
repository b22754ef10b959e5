import { useState } from 'react';
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
import { ErrorMessage } from '../ErrorMessage.tsx';
import { StackedTable } from '../StackedTable.tsx';

interface SessionRow {
  id: string;
  current: boolean;
  amr: string[];
  createdAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

const parseSession: Parser<SessionRow> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, current, amr, createdAt, lastSeenAt, endedAt, ip, userAgent } = value;
  if (typeof id !== 'string' || typeof current !== 'boolean') return undefined;
  if (typeof createdAt !== 'string' || typeof lastSeenAt !== 'string') return undefined;
  if (!Array.isArray(amr)) return undefined;
  return {
    id,
    current,
    amr: amr.filter((m): m is string => typeof m === 'string'),
    createdAt,
    lastSeenAt,
    endedAt: typeof endedAt === 'string' ? endedAt : null,
    ip: typeof ip === 'string' ? ip : null,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
  };
};
const parseSessions = arrayOf(parseSession);

/** A short browser name from the User-Agent, for people, not for logic. */
function browserOf(userAgent: string | null): string {
  if (userAgent === null) return '—';
  const known = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[0];
  const mobile = /Mobile|Android|iPhone/.test(userAgent) ? ' (mobile)' : '';
  return `${known ?? userAgent.slice(0, 40)}${mobile}`;
}

/** My sessions (listMySessions) with "end session" (endSession) for the others. */
export function SessionsSection() {
  const { t } = useTranslation();
  const { remote, reload, retry } = useApi('/api/me/sessions', parseSessions);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const language = currentLanguage();

  async function end(id: string): Promise<void> {
    setError(undefined);
    try {
      await deleteJson(`/api/me/sessions/${encodeURIComponent(id)}`, noContent);
      setMessage(t('auth.profile.sessions.endedMessage'));
      reload();
    } catch (failure) {
      setError(failure as RequestError);
    }
  }

  return (
    <section className="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('auth.profile.sessions.title')}</h2>
      <p className="success-message" role="status">
        {message}
      </p>
      {error !== undefined && (
        <ErrorMessage summary={t('auth.profile.sessions.end')} error={error} />
      )}
      <RemoteList remote={remote} retry={retry} summary={t('auth.profile.sessions.title')}>
        {(sessions) => (
          <StackedTable
            caption={t('auth.profile.sessions.caption')}
            columns={[
              { key: 'started', label: t('auth.profile.sessions.started') },
              { key: 'lastSeen', label: t('auth.profile.sessions.lastSeen') },
              { key: 'method', label: t('auth.profile.sessions.method') },
              { key: 'device', label: t('auth.profile.sessions.device') },
              { key: 'state', label: t('auth.profile.sessions.state') },
            ]}
          >
            {sessions.map((s) => (
              <tr role="row" key={s.id}>
                <td role="cell" data-label={t('auth.profile.sessions.started')}>
                  {formatDateTime(s.createdAt, language)}
                </td>
                <td role="cell" data-label={t('auth.profile.sessions.lastSeen')}>
                  {formatDateTime(s.lastSeenAt, language)}
                </td>
                <td role="cell" data-label={t('auth.profile.sessions.method')}>
                  {s.amr.join(', ')}
                </td>
                <td role="cell" data-label={t('auth.profile.sessions.device')}>
                  {browserOf(s.userAgent)}
                  {s.ip === null ? '' : ` · ${s.ip}`}
                </td>
                <td role="cell" data-label={t('auth.profile.sessions.state')}>
                  {s.current ? (
                    <strong className="tag tag--green">{t('auth.profile.sessions.current')}</strong>
                  ) : s.endedAt === null ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => void end(s.id)}
                    >
                      {t('auth.profile.sessions.end')}
                    </button>
                  ) : (
                    <span className="tag tag--grey">{t('auth.profile.sessions.ended')}</span>
                  )}
                </td>
              </tr>
            ))}
          </StackedTable>
        )}
      </RemoteList>
    </section>
  );
}
