import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { DeviceLoginWait, parseStarted, type StartedDeviceLogin } from './DeviceLoginWait.tsx';
import type { LoginMethodProps } from './login-methods.tsx';

interface QrLoginState extends StartedDeviceLogin {
  readonly qrPayload: string;
  readonly image: string;
}

/**
 * Smartphone QR (IAM-002-LOGIN-7, operationId startQrLogin): a one-time challenge as a QR code
 * (and as a link, for screen readers and for opening on the phone by hand); a registered phone
 * opens it and approves, and this page logs in as the phone's owner.
 */
export function QrLogin({ onLoggedIn }: LoginMethodProps) {
  const { t } = useTranslation();
  const [login, setLogin] = useState<QrLoginState | undefined>(undefined);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const start = useCallback(async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setLogin(undefined);
    try {
      const started = await postJson('/api/auth/qr-login', undefined, parseStarted);
      if (started.qrPayload === undefined) throw new Error('no qrPayload');
      const image = await QRCode.toDataURL(started.qrPayload, { margin: 2, width: 240 });
      setLogin({ ...started, qrPayload: started.qrPayload, image });
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  return (
    <div>
      <p>{t('devices.qrLogin.lead')}</p>
      {error !== undefined && (
        <ErrorMessage
          summary={t('devices.qrLogin.failed')}
          error={error}
          onRetry={() => void start()}
        />
      )}
      {busy && <p role="status">{t('auth.loading')}</p>}
      {login !== undefined && (
        <>
          <img
            className="qr-code"
            src={login.image}
            alt={t('devices.qrLogin.imageAlt')}
            width={240}
            height={240}
          />
          <p className="qr-link">
            <span className="label">{t('devices.qrLogin.link')}</span>{' '}
            <a href={login.qrPayload} data-testid="qr-payload">
              {login.qrPayload}
            </a>
          </p>
          <DeviceLoginWait
            key={login.challengeId}
            login={login}
            onLoggedIn={onLoggedIn}
            onRestart={() => void start()}
          />
        </>
      )}
    </div>
  );
}
