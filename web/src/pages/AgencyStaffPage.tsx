import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson, type RequestError } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ReasonDialog } from '../components/exchange/ReasonDialog.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { RoleGate } from '../components/staff/RoleGate.tsx';
import {
  headOf,
  isExchangeOperator,
  parseStaffMember,
  parseStaffMembers,
  parseStaffRole,
  STAFF_ROLE_MODULES,
  type MyRole,
  type StaffMember,
  type StaffRole,
} from '../staff-api.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const FIN = /^[0-9A-HJ-NP-Z]{7}$/;
const OPERATOR_MEMBER = 'digital-development-transport';

/** The agencies the person may manage: where they are head, and the platform's own for operators. */
function manageable(roles: readonly MyRole[]): string[] {
  const members = new Set(headOf(roles));
  if (isExchangeOperator(roles)) members.add(OPERATOR_MEMBER);
  return [...members].sort();
}

function canManage(roles: readonly MyRole[]): boolean {
  return manageable(roles).length > 0;
}

/**
 * /agency/staff (IAM-004-5.2a, 5.2c): the head of an agency registers its responsible persons,
 * gives them staff roles per module and revokes them. Operators see their own ministry here and
 * appoint heads through the API (appointAgencyHead).
 */
export function AgencyStaffPage() {
  const { t } = useTranslation();
  const title = t('staff.page.title');
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('staff.page.lead')}</p>
      <RoleGate returnTo="/agency/staff" allowed={canManage} noRole={t('staff.access.notHead')}>
        {(roles) => <StaffConsole members={manageable(roles)} />}
      </RoleGate>
    </>
  );
}

function StaffConsole({ members }: { members: readonly string[] }) {
  const { t } = useTranslation();
  const [member, setMember] = useState(members[0] ?? '');
  const { remote, retry, reload } = useApi(
    `/api/agencies/${encodeURIComponent(member)}/staff`,
    parseStaffMembers,
  );
  const [done, setDone] = useState<string>();
  const [pending, setPending] = useState<{ person: StaffMember; role: StaffRole }>();
  const roleLabel = (role: StaffRole): string =>
    `${t(`staff.roles.${role.role}`)} — ${t(`staff.modules.${role.module}`)}`;
  const nameOf = (person: StaffMember): string => person.name ?? person.fin;

  async function revoke(role: StaffRole, person: StaffMember, reason: string): Promise<void> {
    await postJson(
      `/api/agencies/${encodeURIComponent(member)}/roles/${encodeURIComponent(role.id)}/revoke`,
      { reason },
      parseStaffRole,
    );
    setDone(t('staff.page.revoked', { name: nameOf(person), role: roleLabel(role) }));
    reload();
  }

  return (
    <>
      {members.length > 1 && (
        <SelectField
          label={t('staff.page.agency')}
          value={member}
          options={members}
          optionLabel={(code) => code}
          isOption={(value): value is string => members.includes(value)}
          onChange={setMember}
        />
      )}
      <div role="status" className={done === undefined ? undefined : 'success-message'}>
        {done}
      </div>
      <div className="section">
        {remote.state === 'loading' && <p role="status">{t('staff.page.loading')}</p>}
        {remote.state === 'error' && (
          <ErrorMessage summary={t('staff.page.error')} error={remote.error} onRetry={retry} />
        )}
        {remote.state === 'ok' && remote.data.length === 0 && <p>{t('staff.page.empty')}</p>}
        {remote.state === 'ok' && remote.data.length > 0 && (
          <StackedTable
            caption={t('staff.page.caption', { agency: member })}
            columns={[
              { key: 'name', label: t('staff.page.columns.name') },
              { key: 'fin', label: t('staff.page.columns.fin') },
              { key: 'roles', label: t('staff.page.columns.roles') },
            ]}
          >
            {remote.data.map((person) => (
              <tr key={person.fin} role="row" data-fin={person.fin}>
                <th scope="row" role="rowheader" className="table__row-heading">
                  {person.name ?? t('staff.page.unknownName')}
                </th>
                <td role="cell" data-label={t('staff.page.columns.fin')}>
                  <span className="code">{person.fin}</span>
                </td>
                <td role="cell" data-label={t('staff.page.columns.roles')}>
                  <ul className="plain-list">
                    {person.roles.map((role) => (
                      <li key={role.id}>
                        {roleLabel(role)}{' '}
                        {role.role === 'staff' && (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-label={t('staff.page.revokeLabel', {
                              name: nameOf(person),
                              role: roleLabel(role),
                            })}
                            onClick={() => {
                              setDone(undefined);
                              setPending({ person, role });
                            }}
                          >
                            {t('staff.page.revoke')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </StackedTable>
        )}
      </div>
      <InviteForm
        member={member}
        onInvited={(person) => {
          setDone(t('staff.invite.done', { name: nameOf(person) }));
          reload();
        }}
      />
      {pending !== undefined && (
        <ReasonDialog
          title={t('staff.page.revokeTitle', {
            name: nameOf(pending.person),
            role: roleLabel(pending.role),
          })}
          description={t('staff.page.revokeDescription')}
          submitLabel={t('staff.page.revoke')}
          destructive
          onSubmit={(reason) => revoke(pending.role, pending.person, reason)}
          onClose={() => setPending(undefined)}
        />
      )}
    </>
  );
}

function InviteForm({
  member,
  onInvited,
}: {
  member: string;
  onInvited: (person: StaffMember) => void;
}) {
  const { t } = useTranslation();
  const finId = useId();
  const finHintId = useId();
  const finErrorId = useId();
  const rolesErrorId = useId();
  const reasonId = useId();
  const reasonHintId = useId();
  const [fin, setFin] = useState('');
  const [modules, setModules] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ fin?: boolean; roles?: boolean }>({});
  const [failure, setFailure] = useState<RequestError>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const wanted = fin.trim().toUpperCase();
    const next = { fin: !FIN.test(wanted), roles: modules.length === 0 };
    setErrors(next);
    if (next.fin || next.roles) {
      document.getElementById(next.fin ? finId : `${rolesErrorId}-first`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const invited = await postJson(
        `/api/agencies/${encodeURIComponent(member)}/staff`,
        {
          fin: wanted,
          roles: modules.map((module) => ({ module, role: 'staff' })),
          ...(reason.trim().length >= 3 ? { reason: reason.trim() } : {}),
        },
        parseStaffMember,
      );
      setFin('');
      setModules([]);
      setReason('');
      onInvited(invited);
    } catch (error) {
      setFailure(error as RequestError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('staff.invite.heading')}</h2>
      <p>{t('staff.invite.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {failure !== undefined && (
          <ErrorMessage summary={t('staff.invite.failed')} error={failure} />
        )}
        <div className={errors.fin === true ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor={finId}>
            {t('staff.invite.fin')}
          </label>
          <p id={finHintId} className="hint">
            {t('staff.invite.finHint')}
          </p>
          {errors.fin === true && (
            <p id={finErrorId} className="field-error">
              {t('staff.invite.finInvalid')}
            </p>
          )}
          <input
            id={finId}
            className="input"
            name="fin"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={7}
            aria-describedby={errors.fin === true ? `${finHintId} ${finErrorId}` : finHintId}
            aria-invalid={errors.fin === true}
            value={fin}
            onChange={(event) => setFin(event.target.value)}
          />
        </div>
        <fieldset
          className={
            errors.roles === true ? 'form-group form-group--error fieldset' : 'form-group fieldset'
          }
          aria-describedby={errors.roles === true ? rolesErrorId : undefined}
        >
          <legend className="label">{t('staff.invite.roles')}</legend>
          {errors.roles === true && (
            <p id={rolesErrorId} className="field-error">
              {t('staff.invite.rolesMissing')}
            </p>
          )}
          <div className="checkboxes">
            {STAFF_ROLE_MODULES.map((module, index) => (
              <div className="checkbox" key={module}>
                <input
                  id={index === 0 ? `${rolesErrorId}-first` : `${rolesErrorId}-${module}`}
                  type="checkbox"
                  name="modules"
                  value={module}
                  checked={modules.includes(module)}
                  onChange={(event) =>
                    setModules((current) =>
                      event.target.checked
                        ? [...current, module]
                        : current.filter((m) => m !== module),
                    )
                  }
                />
                <label
                  htmlFor={index === 0 ? `${rolesErrorId}-first` : `${rolesErrorId}-${module}`}
                >
                  {t(`staff.modules.${module}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-group">
          <label className="label" htmlFor={reasonId}>
            {t('staff.invite.reason')}
          </label>
          <p id={reasonHintId} className="hint">
            {t('staff.invite.reasonHint')}
          </p>
          <input
            id={reasonId}
            className="input"
            name="reason"
            maxLength={2000}
            aria-describedby={reasonHintId}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
          {busy ? t('staff.invite.submitting') : t('staff.invite.submit')}
        </button>
      </form>
    </section>
  );
}
