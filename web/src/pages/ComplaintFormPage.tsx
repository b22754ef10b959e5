import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { ApiError, postJson, type RequestError } from '../api.ts';
import { useAuth, type Me } from '../auth.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { parseFiledComplaint, type FiledComplaint } from '../portal-api.ts';
import { localName, parseServiceList } from '../registry-api.ts';
import { Link, useSearch } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

type Field =
  | 'registryNumber'
  | 'requestId'
  | 'subject'
  | 'text'
  | 'firstName'
  | 'patronymic'
  | 'lastName'
  | 'address'
  | 'email'
  | 'postalAddress'
  | 'workplace';

const LABELS: Record<Field, ParseKeys> = {
  registryNumber: 'portal.complaintForm.service',
  requestId: 'portal.complaintForm.requestId',
  subject: 'portal.complaintForm.subject',
  text: 'portal.complaintForm.text',
  firstName: 'portal.complaintForm.firstName',
  patronymic: 'portal.complaintForm.patronymic',
  lastName: 'portal.complaintForm.lastName',
  address: 'portal.complaintForm.address',
  email: 'portal.complaintForm.email',
  postalAddress: 'portal.complaintForm.postalAddress',
  workplace: 'portal.complaintForm.workplace',
};
const OPTIONAL: readonly Field[] = ['requestId', 'email', 'postalAddress', 'workplace'];
const CONTACT: readonly Field[] = ['email', 'postalAddress', 'workplace'];

function ComplaintForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const formId = useId();
  const search = useSearch();
  const services = useApi('/api/services?pageSize=100', parseServiceList);
  const [values, setValues] = useState<Record<Field, string>>({
    registryNumber: new URLSearchParams(search).get('service') ?? '',
    requestId: '',
    subject: '',
    text: '',
    firstName: me.firstName ?? '',
    patronymic: me.patronymic ?? '',
    lastName: me.lastName ?? '',
    address: '',
    email: '',
    postalAddress: '',
    workplace: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [filed, setFiled] = useState<FiledComplaint | undefined>(undefined);

  const fieldErrors = new Map<Field, string>();
  if (error instanceof ApiError) {
    if (error.type === 'complaints/contact-missing') {
      for (const field of CONTACT) fieldErrors.set(field, t('portal.complaintForm.contactHint'));
    } else {
      for (const problem of error.errors) {
        const name = problem.pointer?.replace(/^#\//, '').split('/')[0] as Field | undefined;
        if (name === undefined || !(name in LABELS) || fieldErrors.has(name)) continue;
        // Our own checks name the field; the title already says why in the user's language.
        const detail = error.type === 'platform/validation' ? problem.detail : error.title;
        fieldErrors.set(name, detail ?? problem.detail);
      }
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: Record<string, string> = {};
    for (const [name, value] of Object.entries(values) as [Field, string][]) {
      const trimmed = value.trim();
      if (trimmed !== '' || !OPTIONAL.includes(name)) body[name] = trimmed;
    }
    if (body.registryNumber === '') delete body.registryNumber;
    try {
      setFiled(await postJson('/api/complaints', body, parseFiledComplaint));
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  if (filed !== undefined) {
    return (
      <>
        <div className="success-message" role="status">
          <p>{t('portal.complaintForm.done', { date: formatDate(filed.dueDate, language) })}</p>
        </div>
        <p>
          <Link to="/complaints" className="button">
            {t('portal.complaintForm.myComplaints')}
          </Link>
        </p>
      </>
    );
  }

  function input(
    name: Field,
    options: { type?: string; autoComplete?: string; hint?: ParseKeys } = {},
  ) {
    const id = `${formId}-${name}`;
    const problem = fieldErrors.get(name);
    const described = [
      options.hint === undefined ? '' : `${id}-hint`,
      problem === undefined ? '' : `${id}-error`,
    ]
      .filter((x) => x !== '')
      .join(' ');
    const common = {
      id,
      name,
      value: values[name],
      required: !OPTIONAL.includes(name),
      'aria-invalid': problem === undefined ? undefined : true,
      'aria-describedby': described === '' ? undefined : described,
    };
    return (
      <div
        key={name}
        className={problem === undefined ? 'form-group' : 'form-group form-group--error'}
      >
        <label className="label" htmlFor={id}>
          {t(LABELS[name])}
          {OPTIONAL.includes(name) &&
            !CONTACT.includes(name) &&
            ` ${t('portal.complaintForm.optional')}`}
        </label>
        {options.hint !== undefined && (
          <p className="hint" id={`${id}-hint`}>
            {t(options.hint)}
          </p>
        )}
        {problem !== undefined && (
          <p className="field-error" id={`${id}-error`}>
            {problem}
          </p>
        )}
        {name === 'text' ? (
          <textarea
            {...common}
            className="textarea"
            rows={8}
            maxLength={10000}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          />
        ) : name === 'registryNumber' ? (
          <select
            {...common}
            className="select"
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          >
            <option value="">
              {services.remote.state === 'loading'
                ? t('portal.complaintForm.servicesLoading')
                : t('portal.complaintForm.servicePlaceholder')}
            </option>
            {services.remote.state === 'ok' &&
              services.remote.data.items.map((s) => {
                const label = localName(s.name, language);
                return (
                  <option key={s.registryNumber} value={s.registryNumber} lang={label.lang}>
                    {s.registryNumber} — {label.text}
                  </option>
                );
              })}
          </select>
        ) : (
          <input
            {...common}
            className="input"
            type={options.type ?? 'text'}
            autoComplete={options.autoComplete ?? 'off'}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          />
        )}
      </div>
    );
  }

  return (
    <>
      {me.actingFor !== undefined && (
        <p className="notice">{t('portal.complaintForm.actingFor', { name: me.actingFor.name })}</p>
      )}
      {error !== undefined && (
        <ErrorMessage summary={t('portal.complaintForm.errorSummary')} error={error}>
          {fieldErrors.size > 0 && (
            <ul>
              {[...fieldErrors].map(([name, detail]) => (
                <li key={name}>
                  <a href={`#${formId}-${name}`}>
                    {t(LABELS[name])}: {detail}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </ErrorMessage>
      )}
      {services.remote.state === 'error' && (
        <ErrorMessage
          summary={t('portal.complaintForm.service')}
          error={services.remote.error}
          onRetry={services.retry}
        />
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {input('registryNumber')}
        {input('requestId', { hint: 'portal.complaintForm.requestIdHint' })}
        {input('subject')}
        {input('text')}
        {input('firstName', { autoComplete: 'given-name' })}
        {input('patronymic', { autoComplete: 'additional-name' })}
        {input('lastName', { autoComplete: 'family-name' })}
        {input('address', {
          autoComplete: 'street-address',
          hint: 'portal.complaintForm.addressHint',
        })}
        <fieldset className="fieldset">
          <legend className="label">{t('portal.complaintForm.contactLegend')}</legend>
          <p className="hint">{t('portal.complaintForm.contactHint')}</p>
          {input('email', { type: 'email', autoComplete: 'email' })}
          {input('postalAddress')}
          {input('workplace', { autoComplete: 'organization' })}
        </fieldset>
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? t('portal.complaintForm.submitting') : t('portal.complaintForm.submit')}
        </button>
      </form>
    </>
  );
}

/** /complaints/new (fileComplaint): the fields of 000 §3.5.2, the name prefilled from getMe. */
export function ComplaintFormPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('portal.complaintForm.title'));
  return (
    <>
      <h1>{t('portal.complaintForm.title')}</h1>
      <p className="lead">{t('portal.complaintForm.lead')}</p>
      {me === undefined ? (
        <p>{t('auth.loading')}</p>
      ) : me === null ? (
        <>
          <p>{t('portal.complaints.loginFirst')}</p>
          <p>
            <Link to="/login?return=/complaints/new" className="button">
              {t('auth.header.login')}
            </Link>
          </p>
        </>
      ) : (
        <ComplaintForm me={me} />
      )}
    </>
  );
}
