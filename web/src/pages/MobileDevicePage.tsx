import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  arrayOf,
  isRecord,
  noContent,
  postJson,
  TransportError,
  type Parser,
  type RequestError,
} from '../api.ts';
import { useAuth } from '../auth.tsx';
import {
  deviceGet,
  deviceKeysSupported,
  forgetDevice,
  generateDeviceKeys,
  loadDevice,
  parseDeviceRequest,
  saveDevice,
  signDecision,
  type DeviceAssurance,
  type DeviceRequest,
  type StoredDevice,
} from '../components/devices/device-key.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { Link, usePath } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { PhoneField } from '../components/devices/PhoneField.tsx';

const POLL_MS = 3000;
const UNRECOGNISED = 'identity/device-unrecognised';

interface Activation {
  assurance: DeviceAssurance;
  demoActivation: boolean;
}

const parseActivation: Parser<Activation> = (value) => {
  if (!isRecord(value) || typeof value.demoActivation !== 'boolean') return undefined;
  if (value.assurance !== 'substantial' && value.assurance !== 'high') return undefined;
  return { assurance: value.assurance, demoActivation: value.demoActivation };
};

interface RegisteredDevice {
  deviceId: string;
  mobileUserId: string;
  label: string;
  phone: string;
  assurance: DeviceAssurance;
}

const parseRegistered: Parser<RegisteredDevice> = (value) => {
  if (!isRecord(value)) return undefined;
  const { deviceId, mobileUserId, label, phone, assurance } = value;
  if (typeof deviceId !== 'string' || typeof mobileUserId !== 'string') return undefined;
  if (typeof label !== 'string' || typeof phone !== 'string') return undefined;
  if (assurance !== 'substantial' && assurance !== 'high') return undefined;
  return { deviceId, mobileUserId, label, phone, assurance };
};

const parseRequests = arrayOf(parseDeviceRequest);

/** A short browser name from the User-Agent, for people, not for logic. */
function browserOf(userAgent: string | null): string {
  if (userAgent === null) return '—';
  return /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent.slice(0, 40);
}

function approvePathId(path: string): string | undefined {
  return /^\/mobile\/approve\/([0-9a-fA-F-]{36})\/?$/.exec(path)?.[1];
}

/**
 * /mobile and /mobile/approve/<challengeId>#<secret>: the phone's side of mobile signature and
 * smartphone QR login (IAM-002-LOGIN-6, IAM-002-LOGIN-7), so no store app is needed. The page
 * registers this browser's key as a device, lists the login requests waiting for it, and answers
 * them by signing; a scanned QR code opens the approve address.
 */
export function MobileDevicePage() {
  const { t } = useTranslation();
  const path = usePath();
  const challengeId = approvePathId(path);
  const [qrSecret] = useState(() => window.location.hash.slice(1));
  useDocumentTitle(
    challengeId === undefined ? t('devices.device.title') : t('devices.device.approve.title'),
  );
  const supported = deviceKeysSupported();
  const [device, setDevice] = useState<StoredDevice | null | undefined>(
    supported ? undefined : null,
  );
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!supported) return;
    loadDevice().then(
      (stored) => setDevice(stored ?? null),
      () => setDevice(null),
    );
  }, [supported]);

  async function forget(): Promise<void> {
    await forgetDevice();
    setDevice(null);
    setMessage(t('devices.device.registered.forgotten'));
  }

  return (
    <>
      <h1>
        {challengeId === undefined ? t('devices.device.title') : t('devices.device.approve.title')}
      </h1>
      <p className="lead">{t('devices.device.lead')}</p>
      <p className="success-message" role="status">
        {message}
      </p>
      {!supported && (
        <div className="notice">
          <p>{t('devices.device.unsupported')}</p>
        </div>
      )}
      {supported && device === undefined && <p>{t('devices.device.loading')}</p>}
      {supported && device === null && (
        <>
          {challengeId !== undefined && (
            <div className="notice">
              <p>{t('devices.device.approve.notRegistered')}</p>
            </div>
          )}
          <Registration
            onRegistered={(stored) => {
              setMessage('');
              setDevice(stored);
            }}
          />
        </>
      )}
      {device !== undefined && device !== null && (
        <>
          {challengeId === undefined ? (
            <PendingRequests device={device} onForget={() => void forget()} />
          ) : (
            <QrApproval device={device} challengeId={challengeId} secret={qrSecret} />
          )}
          <DeviceSummary device={device} onForget={() => void forget()} />
        </>
      )}
    </>
  );
}

function Registration({ onRegistered }: { onRegistered: (device: StoredDevice) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (me === undefined) return <p>{t('devices.device.loading')}</p>;
  if (me === null) {
    return (
      <section className="section" aria-labelledby="register-device-title">
        <h2 id="register-device-title">{t('devices.device.register.title')}</h2>
        <p>{t('devices.device.register.needLogin')}</p>
        <p>
          <Link to="/login?return=/mobile" className="button">
            {t('devices.device.register.loginLink')}
          </Link>
        </p>
      </section>
    );
  }
  return <RegistrationForm onRegistered={onRegistered} />;
}

function RegistrationForm({ onRegistered }: { onRegistered: (device: StoredDevice) => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  const demoId = useId();
  const { remote } = useApi('/api/me/devices/activation', parseActivation);
  const [label, setLabel] = useState(() => t('devices.device.register.labelDefault'));
  const [phone, setPhone] = useState('+994');
  const [demo, setDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const activation = remote.state === 'ok' ? remote.data : undefined;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { keys, publicKey } = await generateDeviceKeys();
      const registered = await postJson(
        '/api/me/devices',
        {
          label: label.trim(),
          phone: phone.replace(/\s+/g, ''),
          publicKey,
          ...(demo ? { demoActivation: true } : {}),
        },
        parseRegistered,
      );
      const stored: StoredDevice = { ...registered, keys };
      await saveDevice(stored);
      onRegistered(stored);
    } catch (failure) {
      // WebCrypto and IndexedDB fail with their own errors: "unexpected" for the user.
      setError(
        failure instanceof ApiError || failure instanceof TransportError
          ? failure
          : new TransportError('unexpected', { cause: failure }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="register-device-title">
      <h2 id="register-device-title">{t('devices.device.register.title')}</h2>
      {activation !== undefined && (
        <p>
          {activation.assurance === 'high'
            ? t('devices.device.register.assuranceHigh')
            : t('devices.device.register.assuranceSubstantial')}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error !== undefined && (
          <ErrorMessage summary={t('devices.device.register.failed')} error={error} />
        )}
        <div className="form-group">
          <label className="label" htmlFor={labelId}>
            {t('devices.device.register.label')}
          </label>
          <input
            id={labelId}
            className="input"
            name="label"
            maxLength={60}
            required
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
        </div>
        <PhoneField
          label={t('devices.device.register.phone')}
          hint={t('devices.device.register.phoneHint')}
          value={phone}
          onChange={setPhone}
        />
        {activation?.demoActivation === true && activation.assurance !== 'high' && (
          <div className="form-group checkbox">
            <input
              id={demoId}
              type="checkbox"
              className="checkbox__input"
              checked={demo}
              onChange={(event) => setDemo(event.target.checked)}
            />
            <label htmlFor={demoId} className="checkbox__label">
              {t('devices.device.register.demo')}
            </label>
          </div>
        )}
        <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
          {busy ? t('devices.device.register.submitting') : t('devices.device.register.submit')}
        </button>
      </form>
    </section>
  );
}

function DeviceSummary({ device, onForget }: { device: StoredDevice; onForget: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="this-device-title">
      <h2 id="this-device-title">{t('devices.device.registered.title')}</h2>
      <dl className="summary-list">
        <dt>{t('devices.device.registered.label')}</dt>
        <dd>{device.label}</dd>
        <dt>{t('devices.device.registered.userId')}</dt>
        <dd>
          <strong className="mobile-user-id">{device.mobileUserId}</strong>
        </dd>
        <dt>{t('devices.device.registered.phone')}</dt>
        <dd>{device.phone}</dd>
        <dt>{t('devices.device.registered.assurance')}</dt>
        <dd>{t(`devices.assurance.${device.assurance}`)}</dd>
      </dl>
      <p className="hint">{t('devices.device.registered.hint')}</p>
      <button type="button" className="button button--secondary" onClick={onForget}>
        {t('devices.device.registered.forget')}
      </button>
    </section>
  );
}

function Unrecognised({ error, onForget }: { error: RequestError; onForget: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorMessage summary={t('devices.device.registered.unrecognised')} error={error}>
      <button type="button" className="button button--secondary" onClick={onForget}>
        {t('devices.device.registered.forget')}
      </button>
    </ErrorMessage>
  );
}

/** Requests waiting for this device (listPendingDeviceRequests), polled every 3 seconds. */
function PendingRequests({ device, onForget }: { device: StoredDevice; onForget: () => void }) {
  const { t } = useTranslation();
  const [requests, setRequests] = useState<DeviceRequest[] | undefined>(undefined);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [answered, setAnswered] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    async function poll(): Promise<void> {
      try {
        const list = await deviceGet(
          device,
          `/api/devices/${encodeURIComponent(device.deviceId)}/requests`,
          parseRequests,
        );
        if (stopped) return;
        setRequests(list);
        setError(undefined);
      } catch (failure) {
        if (stopped) return;
        setError(failure as RequestError);
        if (failure instanceof ApiError && failure.type === UNRECOGNISED) return;
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    }
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [device, tick]);

  const done = useCallback(
    (request: DeviceRequest, decision: 'approve' | 'deny') => {
      setAnswered(
        decision === 'approve'
          ? t('devices.device.requests.approved')
          : t('devices.device.requests.denied'),
      );
      setRequests((list) => list?.filter((r) => r.challengeId !== request.challengeId));
      setTick((n) => n + 1);
    },
    [t],
  );

  return (
    <section className="section" aria-labelledby="device-requests-title">
      <h2 id="device-requests-title">{t('devices.device.requests.title')}</h2>
      <p className="success-message" role="status">
        {answered}
      </p>
      {error instanceof ApiError && error.type === UNRECOGNISED ? (
        <Unrecognised error={error} onForget={onForget} />
      ) : (
        error !== undefined && (
          <ErrorMessage summary={t('devices.device.requests.loadFailed')} error={error} />
        )
      )}
      {requests === undefined && error === undefined && <p>{t('devices.device.loading')}</p>}
      {requests !== undefined && requests.length === 0 && (
        <p>{t('devices.device.requests.none')}</p>
      )}
      {requests?.map((request) => (
        <RequestCard key={request.challengeId} device={device} request={request} onDone={done} />
      ))}
    </section>
  );
}

/** A scanned QR code: the request it names (getDeviceRequest with the code's secret). */
function QrApproval({
  device,
  challengeId,
  secret,
}: {
  device: StoredDevice;
  challengeId: string;
  secret: string;
}) {
  const { t } = useTranslation();
  const [request, setRequest] = useState<DeviceRequest | undefined>(undefined);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [answered, setAnswered] = useState('');

  useEffect(() => {
    let stopped = false;
    deviceGet(
      device,
      `/api/devices/${encodeURIComponent(device.deviceId)}/requests/${encodeURIComponent(challengeId)}`,
      parseDeviceRequest,
      { 'x-ehis-qr-secret': secret },
    ).then(
      (found) => {
        if (!stopped) setRequest(found);
      },
      (failure: unknown) => {
        if (!stopped) setError(failure as RequestError);
      },
    );
    return () => {
      stopped = true;
    };
  }, [device, challengeId, secret]);

  return (
    <section className="section" aria-label={t('devices.device.requests.qrLoginTo')}>
      <p className="success-message" role="status">
        {answered}
      </p>
      {error !== undefined && (
        <ErrorMessage summary={t('devices.device.approve.loadFailed')} error={error} />
      )}
      {request === undefined && error === undefined && answered === '' && (
        <p>{t('devices.device.loading')}</p>
      )}
      {request !== undefined && answered === '' && (
        <RequestCard
          device={device}
          request={request}
          heading="h2"
          qrSecret={secret}
          onDone={(_r, decision) =>
            setAnswered(
              decision === 'approve'
                ? t('devices.device.requests.approved')
                : t('devices.device.requests.denied'),
            )
          }
        />
      )}
      <p>
        <Link to="/mobile">{t('devices.device.approve.back')}</Link>
      </p>
    </section>
  );
}

function RequestCard({
  device,
  request,
  qrSecret,
  heading: Heading = 'h3',
  onDone,
}: {
  device: StoredDevice;
  request: DeviceRequest;
  qrSecret?: string;
  /** h2 when the card is the page's only content (a scanned QR code), h3 in the list. */
  heading?: 'h2' | 'h3';
  onDone: (request: DeviceRequest, decision: 'approve' | 'deny') => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const titleId = useId();

  async function answer(decision: 'approve' | 'deny'): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const signature = await signDecision(device, decision, request.challengeId, request.nonce);
      await postJson(
        `/api/devices/${encodeURIComponent(device.deviceId)}/requests/${encodeURIComponent(request.challengeId)}/${decision}`,
        { signature, ...(qrSecret === undefined ? {} : { qrSecret }) },
        noContent,
      );
      onDone(request, decision);
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="panel device-request" aria-labelledby={titleId}>
      <Heading className="panel__title" id={titleId}>
        {request.kind === 'qr'
          ? t('devices.device.requests.qrLoginTo')
          : t('devices.device.requests.loginTo')}
      </Heading>
      <p className="device-wait__label">{t('devices.device.requests.code')}</p>
      <p className="verification-code">{request.verificationCode}</p>
      <p>{t('devices.device.requests.compare')}</p>
      <dl className="summary-list">
        <dt>{t('devices.device.requests.from')}</dt>
        <dd>
          {browserOf(request.userAgent)}
          {request.ip === null ? '' : ` · ${request.ip}`}
        </dd>
        <dt>{t('devices.device.requests.expires')}</dt>
        <dd>{formatDateTime(request.expiresAt, language)}</dd>
      </dl>
      {error !== undefined && (
        <ErrorMessage summary={t('devices.device.requests.failed')} error={error} />
      )}
      <div className="button-group">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void answer('approve')}
        >
          {t('devices.device.requests.approve')}
        </button>
        <button
          type="button"
          className="button button--warning"
          disabled={busy}
          onClick={() => void answer('deny')}
        >
          {t('devices.device.requests.deny')}
        </button>
      </div>
    </article>
  );
}
