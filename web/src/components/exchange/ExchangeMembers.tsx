import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson } from '../../api.ts';
import { parseMember, parseMembers, type Member, type MemberEvent } from '../../exchange-api.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';
import { CodePath } from './CodePath.tsx';
import { localised, memberStatusLabel } from './labels.ts';
import { OperatorErrorMessage } from './OperatorErrorMessage.tsx';
import { ReasonDialog } from './ReasonDialog.tsx';
import { StackedTable } from '../StackedTable.tsx';

type MemberAction = 'suspend' | 'reinstate';

/** The last change of status (suspended or reinstated), if the member ever had one. */
function lastStatusChange(member: Member): MemberEvent | undefined {
  let latest: MemberEvent | undefined;
  for (const entry of member.history) {
    if (entry.event === 'registered') continue;
    if (latest === undefined || entry.at > latest.at) latest = entry;
  }
  return latest;
}

/**
 * Members of the exchange with their subsystems, and the operator's suspend and reinstate
 * (EHIS-001-5.3.1, 5.3.2): a suspended member's calls are refused until it is reinstated.
 */
export function ExchangeMembers({ headingId }: { headingId: string }) {
  const { t } = useTranslation();
  const { remote, retry, reload } = useApi('/api/exchange/members', parseMembers);
  const [pending, setPending] = useState<{ action: MemberAction; member: string }>();
  const [done, setDone] = useState<{ action: MemberAction; member: string }>();

  async function perform(action: MemberAction, member: string, reason: string): Promise<void> {
    await postJson(
      `/api/exchange/members/${encodeURIComponent(member)}/${action}`,
      { reason },
      parseMember,
    );
    setDone({ action, member });
    reload();
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('operator.members.heading')}</h2>
      <p>{t('operator.members.intro')}</p>
      {/* Always in the page, so screen readers announce the confirmation when it appears. */}
      <div role="status" className={done === undefined ? undefined : 'success-message'}>
        {done !== undefined &&
          t(
            done.action === 'suspend'
              ? 'operator.members.suspended'
              : 'operator.members.reinstated',
            { member: done.member },
          )}
      </div>
      {remote.state === 'loading' && <p role="status">{t('operator.members.loading')}</p>}
      {remote.state === 'error' && (
        <OperatorErrorMessage
          summary={t('operator.members.error')}
          error={remote.error}
          onRetry={retry}
          linkToLogin
        />
      )}
      {remote.state === 'ok' && (
        <MemberTable
          members={remote.data}
          onAction={(action, member) => {
            setDone(undefined);
            setPending({ action, member });
          }}
        />
      )}
      {pending !== undefined && (
        <ReasonDialog
          title={t(
            pending.action === 'suspend'
              ? 'operator.members.suspendTitle'
              : 'operator.members.reinstateTitle',
            { member: pending.member },
          )}
          description={t(
            pending.action === 'suspend'
              ? 'operator.members.suspendDescription'
              : 'operator.members.reinstateDescription',
          )}
          submitLabel={t(
            pending.action === 'suspend'
              ? 'operator.members.suspend'
              : 'operator.members.reinstate',
          )}
          destructive={pending.action === 'suspend'}
          onSubmit={(reason) => perform(pending.action, pending.member, reason)}
          onClose={() => setPending(undefined)}
        />
      )}
    </section>
  );
}

function MemberTable({
  members,
  onAction,
}: {
  members: readonly Member[];
  onAction: (action: MemberAction, member: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (members.length === 0) return <p>{t('operator.members.empty')}</p>;
  return (
    <StackedTable
      caption={t('operator.members.caption')}
      columns={[
        { key: 'name', label: t('operator.members.columns.name') },
        { key: 'code', label: t('operator.members.columns.code') },
        { key: 'status', label: t('operator.members.columns.status') },
        { key: 'subsystems', label: t('operator.members.columns.subsystems') },
        { key: 'actions', label: t('operator.members.columns.actions') },
      ]}
    >
      {members.map((member) => {
        const name = localised(language, member.nameAz, member.nameEn);
        const changed = lastStatusChange(member);
        // A reinstated member has no status reason; the reinstatement's own reason says why.
        const reason = member.statusReason ?? changed?.reason ?? null;
        const action: MemberAction = member.status === 'suspended' ? 'reinstate' : 'suspend';
        return (
          <tr key={member.code} role="row" data-member={member.code}>
            <th scope="row" role="rowheader" lang={name.lang} className="table__row-heading">
              {name.text}
            </th>
            <td role="cell" data-label={t('operator.members.columns.code')}>
              <CodePath value={member.code} />
            </td>
            <td role="cell" data-label={t('operator.members.columns.status')}>
              <span>
                <span className={`tag ${member.status === 'active' ? 'tag--green' : 'tag--red'}`}>
                  {memberStatusLabel(t, member.status)}
                </span>
                {reason !== null && (
                  <span className="secondary-text">{t('operator.reasonLine', { reason })}</span>
                )}
                {changed !== undefined && (
                  <span className="secondary-text">
                    {t('operator.changedAt', { date: formatDateTime(changed.at, language) })}
                  </span>
                )}
              </span>
            </td>
            <td role="cell" data-label={t('operator.members.columns.subsystems')}>
              {member.subsystems.length === 0 ? (
                <span className="secondary-text">{t('operator.none')}</span>
              ) : (
                <ul className="plain-list">
                  {member.subsystems.map((subsystem) => (
                    <li key={subsystem.code}>
                      <span className="code">{subsystem.code}</span>
                      <span className="secondary-text">{subsystem.name}</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td role="cell" data-label={t('operator.members.columns.actions')}>
              <span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onAction(action, member.code)}
                >
                  {t(
                    action === 'suspend'
                      ? 'operator.members.suspend'
                      : 'operator.members.reinstate',
                  )}
                  <span className="visually-hidden"> {member.code}</span>
                </button>
              </span>
            </td>
          </tr>
        );
      })}
    </StackedTable>
  );
}
