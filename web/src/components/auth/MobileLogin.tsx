import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { DeviceLoginWait, parseStarted, type StartedDeviceLogin } from './DeviceLoginWait.tsx';
import type { LoginMethodProps } from './login-methods.tsx';
import { PhoneField } from '../devices/PhoneField.tsx';

/**
 * Mobile signature (IAM-002-LOGIN-6, operationId startMobileLogin): phone number and mobile user
 * id; the phone shows the same verification code and approves by signing.
 */
export function MobileLogin({ onLoggedIn }: LoginMethodProps) {
  const { t } = useTranslation();
  const userIdId = useId();
  const [phone, setPhone] = useState('+994');
  const [mobileUserId, setMobileUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [login, setLogin] = useState<StartedDeviceLogin | undefined>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setLogin(
        await postJson(
          '/api/auth/mobile-login',
          { phone: phone.replace(/\s+/g, ''), mobileUserId: mobileUserId.trim() },
          parseStarted,
        ),
      );
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  if (login !== undefined) {
    return (
      <DeviceLoginWait
        key={login.challengeId}
        login={login}
        onLoggedIn={onLoggedIn}
        onRestart={() => setLogin(undefined)}
      />
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('devices.mobileLogin.lead')}</p>
      {error !== undefined && (
        <ErrorMessage summary={t('devices.mobileLogin.failed')} error={error} />
      )}
      <PhoneField
        label={t('devices.mobileLogin.phone')}
        hint={t('devices.mobileLogin.phoneHint')}
        value={phone}
        onChange={setPhone}
      />
      <div className="form-group">
        <label className="label" htmlFor={userIdId}>
          {t('devices.mobileLogin.userId')}
        </label>
        <p className="hint" id={`${userIdId}-hint`}>
          {t('devices.mobileLogin.userIdHint')}
        </p>
        <input
          id={userIdId}
          className="input input--short"
          name="mobileUserId"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          aria-describedby={`${userIdId}-hint`}
          required
          value={mobileUserId}
          onChange={(event) => setMobileUserId(event.target.value)}
        />
      </div>
      <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
        {busy ? t('devices.mobileLogin.submitting') : t('devices.mobileLogin.submit')}
      </button>
      <p className="hint">{t('devices.mobileLogin.noDevice', { path: '/mobile' })}</p>
    </form>
  );
}
