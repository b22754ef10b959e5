import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, isRecord, postJson, type Parser, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** A login a device must approve, as startMobileLogin / startQrLogin returned it. */
export interface StartedDeviceLogin {
  readonly challengeId: string;
  readonly verificationCode: string;
  readonly expiresAt: string;
}

export const parseStarted: Parser<StartedDeviceLogin & { qrPayload?: string }> = (value) => {
  if (!isRecord(value)) return undefined;
  const { challengeId, verificationCode, expiresAt, qrPayload } = value;
  if (
    typeof challengeId !== 'string' ||
    typeof verificationCode !== 'string' ||
    typeof expiresAt !== 'string'
  ) {
    return undefined;
  }
  return {
    challengeId,
    verificationCode,
    expiresAt,
    ...(typeof qrPayload === 'string' ? { qrPayload } : {}),
  };
};

type ChallengeState = 'pending' | 'approved' | 'denied' | 'completed' | 'expired';
const STATES: readonly ChallengeState[] = ['pending', 'approved', 'denied', 'completed', 'expired'];

const parseStatus: Parser<ChallengeState> = (value) =>
  isRecord(value) && STATES.some((s) => s === value.status)
    ? (value.status as ChallengeState)
    : undefined;

const parseObject: Parser<object> = (value) => (isRecord(value) ? value : undefined);

const POLL_MS = 2000;

/**
 * The computer's side of a mobile or QR login: the verification code, the time left, and polling
 * (getLoginChallengeStatus) until the phone answers; an approval is collected at once
 * (completeDeviceLogin), which sets the session cookie in this browser only.
 */
export function DeviceLoginWait({
  login,
  onLoggedIn,
  onRestart,
  showCode = true,
}: {
  login: StartedDeviceLogin;
  onLoggedIn: () => void;
  onRestart: () => void;
  showCode?: boolean;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<ChallengeState>('pending');
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());
  // The parent may pass a new function on every render; polling must not restart because of it.
  const loggedIn = useRef(onLoggedIn);
  useEffect(() => {
    loggedIn.current = onLoggedIn;
  });
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(login.expiresAt) - now) / 1000));

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const base = `/api/auth/device-login/${encodeURIComponent(login.challengeId)}`;
    async function poll(): Promise<void> {
      try {
        const status = await getJson(base, parseStatus);
        if (stopped) return;
        if (status === 'approved') {
          setState('approved');
          await postJson(`${base}/complete`, undefined, parseObject);
          if (!stopped) loggedIn.current();
          return;
        }
        setState(status);
        if (status !== 'pending') return;
      } catch (failure) {
        if (!stopped) setError(failure as RequestError);
        return;
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    }
    timer = window.setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [login.challengeId]);

  const finished = state === 'denied' || state === 'expired' || error !== undefined;
  const message =
    state === 'approved' || state === 'completed'
      ? t('devices.wait.approved')
      : state === 'denied'
        ? t('devices.wait.denied')
        : state === 'expired'
          ? t('devices.wait.expired')
          : t('devices.wait.waiting');

  return (
    <div className="device-wait">
      {showCode && (
        <>
          <p className="device-wait__label" id={`code-${login.challengeId}`}>
            {t('devices.wait.code')}
          </p>
          <p className="verification-code" aria-labelledby={`code-${login.challengeId}`}>
            {login.verificationCode}
          </p>
          <p>{t('devices.wait.instructions')}</p>
        </>
      )}
      <p role="status" className={finished ? 'device-wait__result' : undefined}>
        {message}
      </p>
      {!finished && state === 'pending' && (
        <p className="hint">{t('devices.wait.timeLeft', { seconds: secondsLeft })}</p>
      )}
      {error !== undefined && <ErrorMessage summary={t('devices.wait.failed')} error={error} />}
      {finished ? (
        <button type="button" className="button" onClick={onRestart}>
          {t('devices.wait.again')}
        </button>
      ) : (
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('devices.wait.cancel')}
        </button>
      )}
    </div>
  );
}
