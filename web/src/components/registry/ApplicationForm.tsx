import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getJson, postJson, type RequestError } from '../../api.ts';
import { canonicalJson } from '../../canonical-json.ts';
import { parseLegalActs } from '../../exchange-api.ts';
import { currentLanguage } from '../../i18n/index.ts';
import {
  APPLICATION_KINDS,
  localName,
  parseDomains,
  parseServiceDetail,
  parseSubmitted,
  SERVICE_TYPES,
  SERVICE_USERS,
  type ApplicationFields,
  type ApplicationKind,
  type ServiceType,
  type ServiceUser,
  type Submitted,
} from '../../registry-api.ts';
import { useApi } from '../../use-api.ts';
import { CertificateFileError, openCertificateFile, signText } from '../auth/certificate-file.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** The form's fields, as typed; `fieldsOf` turns them into the Appendix 2 fields that are signed. */
interface Draft {
  kind: ApplicationKind;
  registryNumber: string;
  nameAz: string;
  nameEn: string;
  otherExecutors: string;
  contentAz: string;
  contentEn: string;
  legalBasis: { legalActId: string; clauses: string }[];
  type: ServiceType | '';
  paid: 'false' | 'true' | '';
  users: ServiceUser[];
  webAddress: string;
  domain: string;
}

const EMPTY: Draft = {
  kind: 'register',
  registryNumber: '',
  nameAz: '',
  nameEn: '',
  otherExecutors: '',
  contentAz: '',
  contentEn: '',
  legalBasis: [{ legalActId: '', clauses: '' }],
  type: '',
  paid: '',
  users: [],
  webAddress: '',
  domain: '',
};

type FieldName = Exclude<keyof Draft, 'legalBasis'> | 'legalBasis' | 'certificate';
type FieldErrors = Partial<Record<FieldName, string>>;

const REGISTRY_NUMBER = /^ES-[0-9]{6,}$/;

/** The Appendix 2 fields exactly as they will be signed: trimmed, empty lines dropped. */
function fieldsOf(draft: Draft, provider: string): ApplicationFields {
  return {
    kind: draft.kind,
    ...(draft.kind === 'register' ? {} : { registryNumber: draft.registryNumber.trim() }),
    provider,
    nameAz: draft.nameAz.trim(),
    nameEn: draft.nameEn.trim(),
    otherExecutors: [
      ...new Set(
        draft.otherExecutors
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      ),
    ],
    contentAz: draft.contentAz.trim(),
    contentEn: draft.contentEn.trim(),
    legalBasis: draft.legalBasis.map((item) => ({
      legalActId: item.legalActId,
      clauses: item.clauses.trim(),
    })),
    type: draft.type === '' ? 'informative' : draft.type,
    paid: draft.paid === 'true',
    users: SERVICE_USERS.filter((user) => draft.users.includes(user)),
    webAddress: draft.webAddress.trim(),
    domain: draft.domain,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The form's field for a server pointer such as `#/fields/legalBasis/0/clauses`. */
function fieldOfPointer(pointer: string | undefined): FieldName | undefined {
  const [root, name] = (pointer ?? '').replace(/^#\//, '').split('/');
  if (root === 'certificate' || root === 'signature') return 'certificate';
  if (root !== 'fields' || name === undefined) return undefined;
  if (name === 'provider') return undefined;
  return name in EMPTY ? (name as FieldName) : undefined;
}

/** Order of the fields on the page: the error summary lists them in this order. */
const FIELD_ORDER: readonly FieldName[] = [
  'kind',
  'registryNumber',
  'nameAz',
  'nameEn',
  'otherExecutors',
  'contentAz',
  'contentEn',
  'legalBasis',
  'type',
  'paid',
  'users',
  'webAddress',
  'domain',
  'certificate',
];

/**
 * The application to register, modify or cancel an e-service (003 §10, Appendix 2, items 1–10),
 * confirmed with the submitter's e-signature in the browser (REG-003-A2-N2, IAM-003-13.2): the
 * .p12 file is opened here, the canonical JSON of the fields is signed with its key, and the key
 * and password never leave the page. The server recomputes the same text from the fields.
 */
export function ApplicationForm({
  provider,
  providerName,
  onSubmitted,
}: {
  provider: string;
  providerName: { text: string; lang: string };
  onSubmitted: (submitted: Submitted, fields: ApplicationFields) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const id = useId();
  const fieldId = (name: FieldName) => `${id}-${name}`;
  const domains = useApi('/api/registry/domains', parseDomains);
  const legalActs = useApi('/api/exchange/legal-acts', parseLegalActs);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RequestError>();
  const [busy, setBusy] = useState(false);
  const [filling, setFilling] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [name]: value }));

  function check(): FieldErrors {
    const found: FieldErrors = {};
    const required = t('registry.form.errors.required');
    if (draft.kind !== 'register' && !REGISTRY_NUMBER.test(draft.registryNumber.trim())) {
      found.registryNumber = t('registry.form.errors.registryNumber');
    }
    for (const name of ['nameAz', 'nameEn', 'contentAz', 'contentEn'] as const) {
      if (draft[name].trim() === '') found[name] = required;
    }
    if (draft.legalBasis.some((item) => item.legalActId === '' || item.clauses.trim() === '')) {
      found.legalBasis = t('registry.form.errors.legalBasis');
    }
    if (draft.type === '') found.type = t('registry.form.errors.choose');
    if (draft.paid === '') found.paid = t('registry.form.errors.choose');
    if (draft.users.length === 0) found.users = t('registry.form.errors.users');
    if (!isHttpUrl(draft.webAddress.trim()))
      found.webAddress = t('registry.form.errors.webAddress');
    if (draft.domain === '') found.domain = t('registry.form.errors.choose');
    if (file === undefined) found.certificate = t('certificates.login.noFile');
    else if (password === '') found.certificate = t('registry.form.errors.password');
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || file === undefined) {
      // The summary gets focus, so a screen reader hears what to correct.
      setTimeout(() => document.getElementById(`${id}-error-summary`)?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const fields = fieldsOf(draft, provider);
      const opened = await openCertificateFile(file, password);
      const signature = await signText(opened.key, canonicalJson(fields));
      const submitted = await postJson(
        '/api/registry/applications',
        { fields, certificate: opened.certificate, signature },
        parseSubmitted,
      );
      setDraft(EMPTY);
      setPassword('');
      setErrors({});
      onSubmitted(submitted, fields);
    } catch (error) {
      if (error instanceof CertificateFileError) {
        const message =
          error.problem === 'bad-password'
            ? t('certificates.login.badPassword')
            : error.problem === 'unsupported-key'
              ? t('certificates.login.unsupportedKey')
              : t('certificates.login.badFile');
        setErrors({ certificate: message });
        if (error.problem === 'bad-password') setPassword('');
        setTimeout(() => document.getElementById(`${id}-error-summary`)?.focus(), 0);
      } else {
        const requestError = error as RequestError;
        setFailure(requestError);
        if (requestError instanceof ApiError) {
          const fromServer: FieldErrors = {};
          for (const problem of requestError.errors) {
            const name = fieldOfPointer(problem.pointer);
            if (name !== undefined && fromServer[name] === undefined)
              fromServer[name] = problem.detail;
          }
          setErrors(fromServer);
        }
        setTimeout(() => document.getElementById(`${id}-failure`)?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  }

  /** Modification and cancellation restate the service: fill the form from the registry. */
  async function fillFromRegistry(): Promise<void> {
    const number = draft.registryNumber.trim();
    if (!REGISTRY_NUMBER.test(number)) {
      setErrors({ registryNumber: t('registry.form.errors.registryNumber') });
      return;
    }
    setFilling('busy');
    try {
      const service = await getJson(`/api/services/${number}`, parseServiceDetail);
      setDraft((current) => ({
        ...current,
        nameAz: service.name.az,
        nameEn: service.name.en,
        otherExecutors: service.otherExecutors.join('\n'),
        contentAz: service.content.az,
        contentEn: service.content.en,
        legalBasis: service.legalBasis.map((item) => ({ ...item })),
        type: service.type,
        paid: service.paid ? 'true' : 'false',
        users: [...service.users],
        webAddress: service.webAddress,
        domain: service.domain.code,
      }));
      setErrors({});
      setFilling('done');
    } catch {
      setFilling('failed');
    }
  }

  const errorOf = (name: FieldName) => errors[name];
  const describedBy = (name: FieldName, hint: boolean) =>
    [
      hint ? `${fieldId(name)}-hint` : '',
      errorOf(name) === undefined ? '' : `${fieldId(name)}-error`,
    ]
      .filter((part) => part !== '')
      .join(' ') || undefined;
  const groupClass = (name: FieldName) =>
    errorOf(name) === undefined ? 'form-group' : 'form-group form-group--error';
  const fieldError = (name: FieldName) =>
    errorOf(name) === undefined ? null : (
      <p id={`${fieldId(name)}-error`} className="field-error">
        <span className="visually-hidden">{t('operator.reason.errorPrefix')} </span>
        {errorOf(name)}
      </p>
    );

  const text = (
    name:
      | 'registryNumber'
      | 'nameAz'
      | 'nameEn'
      | 'contentAz'
      | 'contentEn'
      | 'webAddress'
      | 'otherExecutors',
    options: { multiline?: boolean; lang?: string; type?: string; maxLength: number },
  ) => (
    <div className={groupClass(name)}>
      <label className="label" htmlFor={fieldId(name)}>
        {t(`registry.form.fields.${name}.label`)}
      </label>
      <p className="hint" id={`${fieldId(name)}-hint`}>
        {t(`registry.form.fields.${name}.hint`)}
      </p>
      {fieldError(name)}
      {options.multiline === true ? (
        <textarea
          id={fieldId(name)}
          className="textarea"
          name={name}
          rows={name === 'otherExecutors' ? 3 : 5}
          lang={options.lang}
          maxLength={options.maxLength}
          aria-describedby={describedBy(name, true)}
          aria-invalid={errorOf(name) === undefined ? undefined : true}
          value={draft[name]}
          onChange={(event) => set(name, event.target.value)}
        />
      ) : (
        <input
          id={fieldId(name)}
          className="input"
          name={name}
          type={options.type ?? 'text'}
          lang={options.lang}
          maxLength={options.maxLength}
          spellCheck={options.type === 'url' ? false : undefined}
          aria-describedby={describedBy(name, true)}
          aria-invalid={errorOf(name) === undefined ? undefined : true}
          value={draft[name]}
          onChange={(event) => set(name, event.target.value)}
        />
      )}
    </div>
  );

  function radios<V extends string>(
    name: 'kind' | 'type' | 'paid',
    values: readonly V[],
    label: (value: V) => string,
    extra?: ReactNode,
  ) {
    return (
      <fieldset
        className={`${groupClass(name)} fieldset`}
        aria-describedby={describedBy(name, true)}
      >
        <legend className="label">{t(`registry.form.fields.${name}.label`)}</legend>
        <p className="hint" id={`${fieldId(name)}-hint`}>
          {t(`registry.form.fields.${name}.hint`)}
        </p>
        {fieldError(name)}
        <div className="checkboxes">
          {values.map((value, index) => {
            const inputId = index === 0 ? fieldId(name) : `${fieldId(name)}-${value}`;
            return (
              <div className="checkbox" key={value}>
                <input
                  id={inputId}
                  type="radio"
                  name={name}
                  value={value}
                  checked={draft[name] === value}
                  onChange={() => set(name, value as Draft[typeof name])}
                />
                <label htmlFor={inputId}>{label(value)}</label>
              </div>
            );
          })}
        </div>
        {extra}
      </fieldset>
    );
  }

  const summaryItems = FIELD_ORDER.filter((name) => errors[name] !== undefined);
  const legalActOptions =
    legalActs.remote.state === 'ok'
      ? legalActs.remote.data.map((act) => ({
          value: act.id,
          label: localName({ az: act.titleAz, en: act.titleEn }, language).text,
        }))
      : [];

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="application-form">
      {summaryItems.length > 0 && (
        <div
          className="error-message"
          role="alert"
          tabIndex={-1}
          id={`${id}-error-summary`}
          aria-labelledby={`${id}-error-summary-title`}
        >
          <h3 className="error-message__summary" id={`${id}-error-summary-title`}>
            {t('registry.form.errors.summary')}
          </h3>
          <ul className="plain-list">
            {summaryItems.map((name) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`}>
                  {t(`registry.form.fields.${name}.label`)}: {errors[name]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure !== undefined && (
        <div tabIndex={-1} id={`${id}-failure`}>
          <ErrorMessage summary={t('registry.form.failed')} error={failure} />
        </div>
      )}

      <dl className="summary-list">
        <dt>{t('registry.form.fields.provider.label')}</dt>
        <dd lang={providerName.lang}>{providerName.text}</dd>
      </dl>

      {radios(
        'kind',
        APPLICATION_KINDS,
        (kind) => t(`registry.kind.${kind}`),
        draft.kind === 'register' ? undefined : (
          <>
            {text('registryNumber', { maxLength: 20 })}
            <div className="button-group">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={filling === 'busy'}
                onClick={() => void fillFromRegistry()}
              >
                {t('registry.form.fill')}
              </button>
            </div>
            <p role="status">
              {filling === 'done'
                ? t('registry.form.filled')
                : filling === 'failed'
                  ? t('registry.form.fillFailed')
                  : ''}
            </p>
          </>
        ),
      )}
      {text('nameAz', { lang: 'az', maxLength: 1000 })}
      {text('nameEn', { lang: 'en', maxLength: 1000 })}
      {text('otherExecutors', { multiline: true, maxLength: 15000 })}
      {text('contentAz', { multiline: true, lang: 'az', maxLength: 5000 })}
      {text('contentEn', { multiline: true, lang: 'en', maxLength: 5000 })}

      <fieldset className={`${groupClass('legalBasis')} fieldset`}>
        <legend className="label">{t('registry.form.fields.legalBasis.label')}</legend>
        <p className="hint" id={`${fieldId('legalBasis')}-hint`}>
          {t('registry.form.fields.legalBasis.hint')}
        </p>
        {fieldError('legalBasis')}
        {draft.legalBasis.map((item, index) => {
          const rowId = index === 0 ? fieldId('legalBasis') : `${fieldId('legalBasis')}-${index}`;
          const update = (change: Partial<typeof item>) =>
            set(
              'legalBasis',
              draft.legalBasis.map((row, i) => (i === index ? { ...row, ...change } : row)),
            );
          return (
            <div className="legal-basis-row" key={index}>
              <div className="form-group">
                <label className="label" htmlFor={rowId}>
                  {t('registry.form.legalAct', { number: index + 1 })}
                </label>
                <select
                  id={rowId}
                  className="select"
                  value={item.legalActId}
                  aria-describedby={describedBy('legalBasis', true)}
                  onChange={(event) => update({ legalActId: event.target.value })}
                >
                  <option value="">{t('registry.form.chooseLegalAct')}</option>
                  {legalActOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-group">
                <label className="label" htmlFor={`${rowId}-clauses`}>
                  {t('registry.form.clauses', { number: index + 1 })}
                </label>
                <input
                  id={`${rowId}-clauses`}
                  className="input"
                  lang="az"
                  maxLength={500}
                  value={item.clauses}
                  onChange={(event) => update({ clauses: event.target.value })}
                />
              </div>
              {draft.legalBasis.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    set(
                      'legalBasis',
                      draft.legalBasis.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('registry.form.removeLegalAct', { number: index + 1 })}
                </button>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => set('legalBasis', [...draft.legalBasis, { legalActId: '', clauses: '' }])}
        >
          {t('registry.form.addLegalAct')}
        </button>
      </fieldset>

      {radios('type', SERVICE_TYPES, (type) => t(`registry.type.${type}`))}
      {radios('paid', ['false', 'true'] as const, (paid) => t(`registry.paid.${paid}`))}

      <fieldset
        className={`${groupClass('users')} fieldset`}
        aria-describedby={describedBy('users', true)}
      >
        <legend className="label">{t('registry.form.fields.users.label')}</legend>
        <p className="hint" id={`${fieldId('users')}-hint`}>
          {t('registry.form.fields.users.hint')}
        </p>
        {fieldError('users')}
        <div className="checkboxes">
          {SERVICE_USERS.map((user, index) => {
            const inputId = index === 0 ? fieldId('users') : `${fieldId('users')}-${user}`;
            return (
              <div className="checkbox" key={user}>
                <input
                  id={inputId}
                  type="checkbox"
                  name="users"
                  value={user}
                  checked={draft.users.includes(user)}
                  onChange={(event) =>
                    set(
                      'users',
                      event.target.checked
                        ? [...draft.users, user]
                        : draft.users.filter((u) => u !== user),
                    )
                  }
                />
                <label htmlFor={inputId}>{t(`registry.users.${user}`)}</label>
              </div>
            );
          })}
        </div>
      </fieldset>

      {text('webAddress', { type: 'url', maxLength: 2000 })}

      <div className={groupClass('domain')}>
        <label className="label" htmlFor={fieldId('domain')}>
          {t('registry.form.fields.domain.label')}
        </label>
        <p className="hint" id={`${fieldId('domain')}-hint`}>
          {t('registry.form.fields.domain.hint')}
        </p>
        {fieldError('domain')}
        <select
          id={fieldId('domain')}
          className="select"
          name="domain"
          aria-describedby={describedBy('domain', true)}
          aria-invalid={errorOf('domain') === undefined ? undefined : true}
          value={draft.domain}
          onChange={(event) => set('domain', event.target.value)}
        >
          <option value="">{t('registry.form.chooseDomain')}</option>
          {domains.remote.state === 'ok' &&
            domains.remote.data.map((domain) => (
              <option key={domain.code} value={domain.code}>
                {domain.clause}.{' '}
                {localName({ az: domain.nameAz, en: domain.nameEn }, language).text}
              </option>
            ))}
        </select>
      </div>

      <fieldset className={`${groupClass('certificate')} fieldset signing`}>
        <legend className="label">{t('registry.form.fields.certificate.label')}</legend>
        <p className="hint" id={`${fieldId('certificate')}-hint`}>
          {t('registry.form.fields.certificate.hint')}
        </p>
        <p className="attestation">
          <strong>{t('registry.form.attestation')}</strong>
        </p>
        {fieldError('certificate')}
        <div className="form-group">
          <label className="label" htmlFor={fieldId('certificate')}>
            {t('certificates.login.file')}
          </label>
          <input
            id={fieldId('certificate')}
            className="input"
            type="file"
            name="certificate"
            accept=".p12,.pfx,application/x-pkcs12"
            aria-describedby={describedBy('certificate', true)}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${fieldId('certificate')}-password`}>
            {t('certificates.login.password')}
          </label>
          <input
            id={`${fieldId('certificate')}-password`}
            className="input"
            type="password"
            name="certificate-password"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
      </fieldset>
      <button type="submit" className="button" aria-disabled={busy}>
        {busy ? t('registry.form.submitting') : t('registry.form.submit')}
      </button>
    </form>
  );
}
