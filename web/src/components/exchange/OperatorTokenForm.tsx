import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATOR_TOKEN_FIELD_ID } from './OperatorErrorMessage.tsx';

/**
 * The optional operator token. The field never shows the stored token back: it is a password
 * field that starts empty, and the status line says whether a token is in use.
 */
export function OperatorTokenForm({
  token,
  onChange,
}: {
  token: string | undefined;
  onChange: (token: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState('');

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    // An empty field changes nothing; "Forget token" is the way to drop one.
    if (draft.trim() === '') return;
    onChange(draft);
    setDraft('');
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t('operator.token.heading')}
      </h2>
      <form onSubmit={submit}>
        <div className="form-group">
          <label className="label" htmlFor={OPERATOR_TOKEN_FIELD_ID}>
            {t('operator.token.label')}
          </label>
          <p className="hint" id={hintId}>
            {t('operator.token.hint')}
          </p>
          <input
            id={OPERATOR_TOKEN_FIELD_ID}
            className="input"
            type="password"
            name="operator-token"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            {t('operator.token.save')}
          </button>
          {token !== undefined && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(undefined)}
            >
              {t('operator.token.forget')}
            </button>
          )}
        </div>
      </form>
      <p role="status" className="panel__status">
        {token === undefined ? t('operator.token.notInUse') : t('operator.token.inUse')}
      </p>
    </section>
  );
}
