import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  arrayOf,
  deleteJson,
  isRecord,
  noContent,
  type Parser,
  type RequestError,
} from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { useApi } from '../../use-api.ts';
import { RemoteList } from '../RemoteList.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { StackedTable } from '../StackedTable.tsx';

interface DeviceRow {
  deviceId: string;
  mobileUserId: string;
  label: string;
  phone: string;
  assurance: 'substantial' | 'high';
  createdAt: string;
  lastUsedAt: string | null;
}

const parseDevice: Parser<DeviceRow> = (value) => {
  if (!isRecord(value)) return undefined;
  const { deviceId, mobileUserId, label, phone, assurance, createdAt, lastUsedAt } = value;
  if (typeof deviceId !== 'string' || typeof mobileUserId !== 'string') return undefined;
  if (typeof label !== 'string' || typeof phone !== 'string') return undefined;
  if (assurance !== 'substantial' && assurance !== 'high') return undefined;
  if (typeof createdAt !== 'string') return undefined;
  return {
    deviceId,
    mobileUserId,
    label,
    phone,
    assurance,
    createdAt,
    lastUsedAt: typeof lastUsedAt === 'string' ? lastUsedAt : null,
  };
};
const parseDevices = arrayOf(parseDevice);

/** "My devices" (listMyDevices) with revoke (revokeDevice), and how to add a phone. */
export function DevicesSection() {
  const { t } = useTranslation();
  const { remote, reload, retry } = useApi('/api/me/devices', parseDevices);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const language = currentLanguage();
  const mobileUrl = `${window.location.origin}/mobile`;

  async function revoke(deviceId: string): Promise<void> {
    setError(undefined);
    try {
      await deleteJson(`/api/me/devices/${encodeURIComponent(deviceId)}`, noContent);
      setMessage(t('devices.profile.revoked'));
      reload();
    } catch (failure) {
      setError(failure as RequestError);
    }
  }

  return (
    <section className="section" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices.profile.title')}</h2>
      <p>{t('devices.profile.lead')}</p>
      <p className="success-message" role="status">
        {message}
      </p>
      {error !== undefined && <ErrorMessage summary={t('devices.profile.revoke')} error={error} />}
      <RemoteList
        remote={remote}
        retry={retry}
        summary={t('devices.profile.title')}
        empty={t('devices.profile.none')}
      >
        {(devices) => (
          <StackedTable
            caption={t('devices.profile.caption')}
            columns={[
              { key: 'label', label: t('devices.profile.label') },
              { key: 'userId', label: t('devices.profile.userId') },
              { key: 'phone', label: t('devices.profile.phone') },
              { key: 'assurance', label: t('devices.profile.assurance') },
              { key: 'added', label: t('devices.profile.added') },
              { key: 'lastUsed', label: t('devices.profile.lastUsed') },
              { key: 'actions', label: t('devices.profile.revoke') },
            ]}
          >
            {devices.map((d) => (
              <tr role="row" key={d.deviceId}>
                <td role="cell" data-label={t('devices.profile.label')}>
                  {d.label}
                </td>
                <td role="cell" data-label={t('devices.profile.userId')}>
                  {d.mobileUserId}
                </td>
                <td role="cell" data-label={t('devices.profile.phone')}>
                  {d.phone}
                </td>
                <td role="cell" data-label={t('devices.profile.assurance')}>
                  {t(`devices.assurance.${d.assurance}`)}
                </td>
                <td role="cell" data-label={t('devices.profile.added')}>
                  {formatDateTime(d.createdAt, language)}
                </td>
                <td role="cell" data-label={t('devices.profile.lastUsed')}>
                  {d.lastUsedAt === null
                    ? t('devices.profile.never')
                    : formatDateTime(d.lastUsedAt, language)}
                </td>
                <td role="cell" data-label={t('devices.profile.revoke')}>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('devices.profile.revokeLabel', { label: d.label })}
                    onClick={() => void revoke(d.deviceId)}
                  >
                    {t('devices.profile.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </StackedTable>
        )}
      </RemoteList>
      <p>
        {t('devices.profile.add')} <Link to="/mobile">{mobileUrl}</Link>
      </p>
    </section>
  );
}
