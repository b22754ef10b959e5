import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import type { LoginMethodProps } from './login-methods.tsx';
import { loginWithPasskey, PasskeyCancelled, passkeysSupported } from './passkey-ceremony.ts';

/** Passkey login (startPasskeyLogin, finishPasskeyLogin): acr substantial, no username asked. */
export function PasskeyLogin({ onLoggedIn }: LoginMethodProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);
  const supported = passkeysSupported();

  async function login(): Promise<void> {
    setBusy(true);
    setError(undefined);
    setCancelled(false);
    try {
      await loginWithPasskey();
      onLoggedIn();
    } catch (failure) {
      if (failure instanceof PasskeyCancelled) setCancelled(true);
      else setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  if (!supported) return <p>{t('passkeys.login.unsupported')}</p>;
  return (
    <div>
      <p>{t('passkeys.login.lead')}</p>
      {error !== undefined && <ErrorMessage summary={t('passkeys.login.failed')} error={error} />}
      {cancelled && (
        <div className="error-message" role="alert">
          <p className="error-message__summary">{t('passkeys.login.failed')}</p>
          <p>{t('passkeys.login.cancelled')}</p>
        </div>
      )}
      <button
        type="button"
        className="button"
        aria-disabled={busy}
        disabled={busy}
        onClick={() => void login()}
      >
        {busy ? t('passkeys.login.submitting') : t('passkeys.login.submit')}
      </button>
      <p>{t('passkeys.login.noPasskey')}</p>
    </div>
  );
}
