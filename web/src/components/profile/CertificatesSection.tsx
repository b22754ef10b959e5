import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { arrayOf, isRecord, postJson, type Parser, type RequestError } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { StackedTable } from '../StackedTable.tsx';

type Status = 'valid' | 'expired' | 'revoked';

interface CertificateRow {
  serial: string;
  subject: string;
  notAfter: string;
  issuedAt: string;
  status: Status;
}

const parseCertificate: Parser<CertificateRow> = (value) => {
  if (!isRecord(value)) return undefined;
  const { serial, subject, notAfter, issuedAt, status } = value;
  if (typeof serial !== 'string' || typeof subject !== 'string') return undefined;
  if (typeof notAfter !== 'string' || typeof issuedAt !== 'string') return undefined;
  if (status !== 'valid' && status !== 'expired' && status !== 'revoked') return undefined;
  return { serial, subject, notAfter, issuedAt, status };
};
const parseCertificates = arrayOf(parseCertificate);

const parseList: Parser<{ certificates: CertificateRow[]; selfService: boolean }> = (value) => {
  if (!isRecord(value) || typeof value.selfService !== 'boolean') return undefined;
  const certificates = parseCertificates(value.certificates);
  return certificates === undefined ? undefined : { certificates, selfService: value.selfService };
};

interface Issued {
  fileName: string;
  p12Base64: string;
  password: string;
}

const parseIssued: Parser<Issued> = (value) => {
  if (!isRecord(value)) return undefined;
  const { fileName, p12Base64, password } = value;
  if (typeof fileName !== 'string' || typeof p12Base64 !== 'string') return undefined;
  if (typeof password !== 'string') return undefined;
  return { fileName, p12Base64, password };
};

function p12Url(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/x-pkcs12' }));
}

const STATUS_TAG: Record<Status, string> = {
  valid: 'tag tag--green',
  expired: 'tag tag--grey',
  revoked: 'tag tag--red',
};

/**
 * "My certificates" (listMyCertificates) with revoke (revokeMyCertificate) and, in demo mode,
 * a demo certificate to download (issueMyCertificate) whose password is shown this once.
 */
export function CertificatesSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { remote, reload, retry } = useApi('/api/me/certificates', parseList);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<{ summary: string; error: RequestError } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ fileName: string; password: string; url: string }>();

  // The object URL holds the key file in memory: let it go when the section goes.
  useEffect(() => {
    const url = issued?.url;
    return () => {
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [issued?.url]);

  async function revoke(serial: string): Promise<void> {
    setError(undefined);
    setBusy(true);
    try {
      await postJson(`/api/me/certificates/${encodeURIComponent(serial)}/revoke`, {}, (v) =>
        isRecord(v) ? v : undefined,
      );
      setConfirming(undefined);
      setMessage(t('certificates.profile.revoked'));
      reload();
    } catch (failure) {
      setError({ summary: t('certificates.profile.revokeFailed'), error: failure as RequestError });
    } finally {
      setBusy(false);
    }
  }

  async function download(): Promise<void> {
    setError(undefined);
    setBusy(true);
    try {
      const result = await postJson('/api/me/certificates', undefined, parseIssued);
      const url = p12Url(result.p12Base64);
      setIssued({ fileName: result.fileName, password: result.password, url });
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setMessage(t('certificates.profile.downloaded', { file: result.fileName }));
      reload();
    } catch (failure) {
      setError({
        summary: t('certificates.profile.downloadFailed'),
        error: failure as RequestError,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="certificates-title">
      <h2 id="certificates-title">{t('certificates.profile.title')}</h2>
      <p className="success-message" role="status">
        {message}
      </p>
      {error !== undefined && <ErrorMessage summary={error.summary} error={error.error} />}
      {remote.state === 'loading' && <p>{t('auth.loading')}</p>}
      {remote.state === 'error' && (
        <ErrorMessage
          summary={t('certificates.profile.title')}
          error={remote.error}
          onRetry={retry}
        />
      )}
      {remote.state === 'ok' && remote.data.certificates.length === 0 && (
        <p>{t('certificates.profile.none')}</p>
      )}
      {remote.state === 'ok' && remote.data.certificates.length > 0 && (
        <StackedTable
          caption={t('certificates.profile.caption')}
          columns={[
            { key: 'serial', label: t('certificates.profile.serial') },
            { key: 'issued', label: t('certificates.profile.issued') },
            { key: 'validUntil', label: t('certificates.profile.validUntil') },
            { key: 'status', label: t('certificates.profile.status') },
          ]}
        >
          {remote.data.certificates.map((c) => (
            <tr role="row" key={c.serial}>
              <td role="cell" data-label={t('certificates.profile.serial')}>
                <code>{c.serial.slice(0, 16)}</code>
              </td>
              <td role="cell" data-label={t('certificates.profile.issued')}>
                {formatDate(c.issuedAt.slice(0, 10), language)}
              </td>
              <td role="cell" data-label={t('certificates.profile.validUntil')}>
                {formatDate(c.notAfter.slice(0, 10), language)}
              </td>
              <td role="cell" data-label={t('certificates.profile.status')}>
                <span className={STATUS_TAG[c.status]}>
                  {c.status === 'valid'
                    ? t('certificates.profile.statusValid')
                    : c.status === 'expired'
                      ? t('certificates.profile.statusExpired')
                      : t('certificates.profile.statusRevoked')}
                </span>{' '}
                {c.status === 'valid' && confirming !== c.serial && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setConfirming(c.serial)}
                  >
                    {t('certificates.profile.revoke')}
                  </button>
                )}
                {c.status === 'valid' && confirming === c.serial && (
                  <span role="group" aria-label={t('certificates.profile.revoke')}>
                    <span>
                      {t('certificates.profile.confirmQuestion', {
                        serial: c.serial.slice(0, 16),
                      })}
                    </span>{' '}
                    <button
                      type="button"
                      className="button button--warning button--small"
                      aria-disabled={busy}
                      disabled={busy}
                      onClick={() => void revoke(c.serial)}
                    >
                      {t('certificates.profile.confirmRevoke')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setConfirming(undefined)}
                    >
                      {t('certificates.profile.cancel')}
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </StackedTable>
      )}
      {remote.state === 'ok' && !remote.data.selfService && (
        <p className="hint">{t('certificates.profile.registrationAuthority')}</p>
      )}
      {remote.state === 'ok' && remote.data.selfService && (
        <div className="panel">
          <h3 className="panel__title">{t('certificates.profile.demoTitle')}</h3>
          <p>{t('certificates.profile.demoLead')}</p>
          <button
            type="button"
            className="button"
            aria-disabled={busy}
            disabled={busy}
            onClick={() => void download()}
          >
            {busy ? t('certificates.profile.downloading') : t('certificates.profile.download')}
          </button>
          {issued !== undefined && (
            <dl className="certificate-password">
              <dt>{t('certificates.profile.password')}</dt>
              <dd>
                <code data-testid="certificate-password">{issued.password}</code>
              </dd>
              <dd>
                <a href={issued.url} download={issued.fileName}>
                  {t('certificates.profile.saveAgain')}
                </a>
              </dd>
            </dl>
          )}
        </div>
      )}
    </section>
  );
}
