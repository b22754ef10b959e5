import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isRecord, postJson, type Parser, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CertificateFileError, openCertificateFile, signText } from './certificate-file.ts';
import type { LoginMethodProps } from './login-methods.tsx';

interface Challenge {
  challengeId: string;
  challenge: string;
}

const parseChallenge: Parser<Challenge> = (value) => {
  if (!isRecord(value)) return undefined;
  const { challengeId, challenge } = value;
  if (typeof challengeId !== 'string' || typeof challenge !== 'string') return undefined;
  return { challengeId, challenge };
};

const parseLoggedIn: Parser<object> = (value) => (isRecord(value) ? value : undefined);

type Failure =
  | { kind: 'request'; error: RequestError }
  | { kind: 'file'; problem: CertificateFileError['problem'] | 'no-file' };

/**
 * Login with an e-signature certificate file (startCertificateLogin, completeCertificateLogin):
 * acr high. The file is opened and the challenge signed here; the key and the password stay in
 * the browser (IAM-003-13.2).
 */
export function CertificateLogin({ onLoggedIn }: LoginMethodProps) {
  const { t } = useTranslation();
  const fileId = useId();
  const passwordId = useId();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (file === undefined) {
      setFailure({ kind: 'file', problem: 'no-file' });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const opened = await openCertificateFile(file, password);
      const { challengeId, challenge } = await postJson(
        '/api/auth/certificate/challenge',
        undefined,
        parseChallenge,
      );
      const signature = await signText(opened.key, challenge);
      await postJson(
        '/api/auth/certificate/login',
        { challengeId, certificate: opened.certificate, signature },
        parseLoggedIn,
      );
      setPassword('');
      onLoggedIn();
    } catch (error) {
      setFailure(
        error instanceof CertificateFileError
          ? { kind: 'file', problem: error.problem }
          : { kind: 'request', error: error as RequestError },
      );
      if (error instanceof CertificateFileError && error.problem === 'bad-password') {
        setPassword('');
      }
    } finally {
      setBusy(false);
    }
  }

  const fileMessage =
    failure?.kind !== 'file'
      ? undefined
      : failure.problem === 'no-file'
        ? t('certificates.login.noFile')
        : failure.problem === 'bad-password'
          ? t('certificates.login.badPassword')
          : failure.problem === 'unsupported-key'
            ? t('certificates.login.unsupportedKey')
            : t('certificates.login.badFile');

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('certificates.login.lead')}</p>
      {failure?.kind === 'request' && (
        <ErrorMessage summary={t('certificates.login.failed')} error={failure.error} />
      )}
      {fileMessage !== undefined && (
        <div className="error-message" role="alert">
          <p className="error-message__summary">{t('certificates.login.failed')}</p>
          <p>{fileMessage}</p>
        </div>
      )}
      <div className="form-group">
        <label className="label" htmlFor={fileId}>
          {t('certificates.login.file')}
        </label>
        <input
          id={fileId}
          className="input"
          type="file"
          name="certificate"
          accept=".p12,.pfx,application/x-pkcs12"
          required
          onChange={(event) => setFile(event.target.files?.[0])}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor={passwordId}>
          {t('certificates.login.password')}
        </label>
        <input
          id={passwordId}
          className="input"
          type="password"
          name="certificate-password"
          autoComplete="off"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
        {busy ? t('certificates.login.submitting') : t('certificates.login.submit')}
      </button>
    </form>
  );
}
