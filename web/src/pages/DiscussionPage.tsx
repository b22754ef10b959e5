import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, postJson, type RequestError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useAgencyName } from '../components/portal/use-agency-names.ts';
import { formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { parseCommentCreated, parseDraftAct, type DraftAct } from '../portal-api.ts';
import { localName } from '../registry-api.ts';
import { Link, usePath } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const MAX_LENGTH = 5000;

function CommentForm({ draft, onSent }: { draft: DraftAct; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [sent, setSent] = useState(false);
  const problem =
    error instanceof ApiError
      ? error.errors.find((e) => e.pointer === '#/text')?.detail
      : undefined;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent(false);
    try {
      await postJson(
        `/api/draft-acts/${draft.draftActId}/comments`,
        { text: text.trim() },
        parseCommentCreated,
      );
      setText('');
      setSent(true);
      onSent();
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {error !== undefined && (
        <ErrorMessage summary={t('portal.discussion.errorSummary')} error={error} />
      )}
      <div className="success-message" role="status">
        {sent && <p>{t('portal.discussion.sent')}</p>}
      </div>
      <div className={problem === undefined ? 'form-group' : 'form-group form-group--error'}>
        <label className="label" htmlFor={id}>
          {t('portal.discussion.commentLabel')}
        </label>
        <p className="hint" id={`${id}-hint`}>
          {t('portal.discussion.commentHint')}
        </p>
        {problem !== undefined && (
          <p className="field-error" id={`${id}-error`}>
            {problem}
          </p>
        )}
        <textarea
          id={id}
          name="text"
          className="textarea"
          rows={6}
          maxLength={MAX_LENGTH}
          required
          aria-invalid={problem === undefined ? undefined : true}
          aria-describedby={problem === undefined ? `${id}-hint` : `${id}-hint ${id}-error`}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
        {busy ? t('portal.discussion.sending') : t('portal.discussion.send')}
      </button>
    </form>
  );
}

function Draft({ draft, reload }: { draft: DraftAct; reload: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { me } = useAuth();
  const agencyName = useAgencyName();
  const title = localName(draft.title, language);
  const agency = agencyName(draft.agency);
  useDocumentTitle(title.text);
  return (
    <>
      <h1 lang={title.lang}>{title.text}</h1>
      <p className="tag-list">
        <span className={draft.status === 'open' ? 'tag tag--green' : 'tag tag--grey'}>
          {t(`portal.discussions.status.${draft.status}`)}
        </span>
        <span className="tag tag--grey">{t(`portal.discussions.kind.${draft.kind}`)}</span>
      </p>
      <dl className="summary-list">
        <dt>{t('portal.discussions.agency')}</dt>
        <dd lang={agency.lang}>{agency.text}</dd>
        <dt>{t('portal.discussions.publishedAt')}</dt>
        <dd>{formatDateTime(draft.publishedAt, language)}</dd>
        <dt>{t('portal.discussions.closesAt')}</dt>
        <dd>{formatDateTime(draft.closesAt, language)}</dd>
      </dl>
      {draft.summary !== null && (
        <section className="panel" aria-labelledby="discussion-summary">
          <h2 className="panel__title" id="discussion-summary">
            {t('portal.discussion.summary')}
          </h2>
          <p className="preserve-lines" lang="az">
            {draft.summary.text}
          </p>
        </section>
      )}
      <section aria-labelledby="discussion-text">
        <h2 id="discussion-text">{t('portal.discussion.text')}</h2>
        <p className="preserve-lines" lang="az">
          {draft.text}
        </p>
        {draft.attachmentId !== null && (
          <p className="secondary-text">
            {t('portal.discussion.attachment', { id: draft.attachmentId })}
          </p>
        )}
      </section>
      <section aria-labelledby="discussion-proposals">
        <h2 id="discussion-proposals">{t('portal.discussion.proposals')}</h2>
        {draft.comments.length === 0 ? (
          <p>{t('portal.discussion.noProposals')}</p>
        ) : (
          <ul className="service-list">
            {draft.comments.map((c) => (
              <li key={c.commentId} className="service-list__item">
                <p className="secondary-text">
                  {t('portal.discussion.sentAt')}: {formatDateTime(c.createdAt, language)}
                  {c.mine && (
                    <>
                      {' '}
                      <span className="tag">{t('portal.discussion.mine')}</span>
                    </>
                  )}
                </p>
                <p className="preserve-lines">{c.text}</p>
              </li>
            ))}
          </ul>
        )}
        {draft.status === 'closed' ? (
          <p className="notice">{t('portal.discussion.closedNote')}</p>
        ) : me === null ? (
          <>
            <p>{t('portal.discussion.loginToComment')}</p>
            <p>
              <Link to={`/login?return=/discussions/${draft.draftActId}`} className="button">
                {t('auth.header.login')}
              </Link>
            </p>
          </>
        ) : me !== undefined ? (
          <CommentForm draft={draft} onSent={reload} />
        ) : null}
      </section>
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /discussions/<id> (getDraftAct, commentOnDraftAct): the draft, its proposals and the form. */
export function DiscussionPage() {
  const { t } = useTranslation();
  const path = usePath();
  const id = decodeURIComponent(path.replace(/\/+$/, '').split('/').pop() ?? '');
  const valid = UUID.test(id);
  const { remote, retry, reload } = useApi(
    valid ? `/api/draft-acts/${id}` : '/api/draft-acts/00000000-0000-0000-0000-000000000000',
    parseDraftAct,
  );
  const back = (
    <p>
      <Link to="/discussions">{t('portal.discussion.back')}</Link>
    </p>
  );
  if (
    !valid ||
    (remote.state === 'error' && remote.error instanceof ApiError && remote.error.status === 404)
  ) {
    return (
      <>
        <Title text={t('portal.discussions.title')} />
        <p>{t('portal.discussion.notFound')}</p>
        {back}
      </>
    );
  }
  if (remote.state === 'loading') return <p>{t('auth.loading')}</p>;
  if (remote.state === 'error') {
    return (
      <>
        <Title text={t('portal.discussions.title')} />
        <ErrorMessage
          summary={t('portal.discussions.title')}
          error={remote.error}
          onRetry={retry}
        />
        {back}
      </>
    );
  }
  return (
    <>
      {back}
      <Draft draft={remote.data} reload={reload} />
    </>
  );
}

function Title({ text }: { text: string }) {
  useDocumentTitle(text);
  return <h1>{text}</h1>;
}
