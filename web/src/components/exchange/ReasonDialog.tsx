import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, TransportError, type RequestError } from '../../api.ts';
import { OperatorErrorMessage } from './OperatorErrorMessage.tsx';

/** The API's bounds for every operator reason (SuspendMemberBody, RevokeAccessGrantBody, …). */
const MIN_REASON = 3;
const MAX_REASON = 2000;

/**
 * A modal <dialog> asking for the reason of an operator action (suspend, reinstate, revoke).
 * The native element gives the focus trap, Escape to close, the inert page behind and focus back
 * on the button that opened it, in every browser the portal supports. The reason is checked here
 * first so a typo costs no round trip; the server checks it again.
 */
export function ReasonDialog({
  title,
  description,
  submitLabel,
  destructive,
  onSubmit,
  onClose,
}: {
  title: string;
  description: string;
  submitLabel: string;
  /** Red submit button for actions that stop something (suspend, revoke). */
  destructive: boolean;
  /** Performs the action; a thrown RequestError is shown in the dialog, which stays open. */
  onSubmit: (reason: string) => Promise<void>;
  /** Called once the dialog has closed: cancelled, escaped or done. */
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const reasonId = useId();
  const hintId = useId();
  const fieldErrorId = useId();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<'tooShort' | 'tooLong' | undefined>();
  const [failure, setFailure] = useState<RequestError | undefined>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    // No cleanup: unmounting removes the element, which closes it. Closing it here would fire
    // `close` during React's StrictMode re-run and end the dialog before the user saw it.
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  function close(): void {
    dialogRef.current?.close();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (sending) return;
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON || trimmed.length > MAX_REASON) {
      setFieldError(trimmed.length < MIN_REASON ? 'tooShort' : 'tooLong');
      document.getElementById(reasonId)?.focus();
      return;
    }
    setFieldError(undefined);
    setFailure(undefined);
    setSending(true);
    try {
      await onSubmit(trimmed);
      close();
    } catch (error) {
      setFailure(
        error instanceof ApiError || error instanceof TransportError
          ? error
          : new TransportError('unexpected', { cause: error }),
      );
    } finally {
      setSending(false);
    }
  }

  const describedBy = fieldError === undefined ? hintId : `${hintId} ${fieldErrorId}`;

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <p id={descriptionId}>{description}</p>
        <div className={fieldError === undefined ? 'form-group' : 'form-group form-group--error'}>
          <label className="label" htmlFor={reasonId}>
            {t('operator.reason.label')}
          </label>
          <p className="hint" id={hintId}>
            {t('operator.reason.hint')}
          </p>
          {fieldError !== undefined && (
            <p className="field-error" id={fieldErrorId}>
              <span className="visually-hidden">{t('operator.reason.errorPrefix')} </span>
              {t(`operator.reason.${fieldError}`)}
            </p>
          )}
          <textarea
            id={reasonId}
            className="textarea"
            name="reason"
            rows={3}
            maxLength={MAX_REASON}
            required
            aria-describedby={describedBy}
            aria-invalid={fieldError === undefined ? undefined : true}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {failure !== undefined && (
          <OperatorErrorMessage summary={t('operator.reason.failed')} error={failure} />
        )}
        <div className="button-group">
          <button
            type="submit"
            className={destructive ? 'button button--warning' : 'button'}
            aria-disabled={sending}
          >
            {sending ? t('operator.reason.sending') : submitLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            {t('operator.reason.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
