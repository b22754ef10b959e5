import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { ApiError, postJson, type RequestError } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

type Field = 'idCardNumber' | 'fin' | 'username' | 'password' | 'email' | 'phone';

const FIELDS: readonly {
  name: Field;
  label: ParseKeys;
  hint?: ParseKeys;
  type?: string;
  autoComplete: string;
  optional?: boolean;
}[] = [
  {
    name: 'idCardNumber',
    label: 'auth.register.idCardNumber',
    hint: 'auth.register.idCardHint',
    autoComplete: 'off',
  },
  { name: 'fin', label: 'auth.register.fin', hint: 'auth.register.finHint', autoComplete: 'off' },
  {
    name: 'username',
    label: 'auth.register.username',
    hint: 'auth.register.usernameHint',
    autoComplete: 'username',
  },
  {
    name: 'password',
    label: 'auth.register.password',
    hint: 'auth.register.passwordHint',
    type: 'password',
    autoComplete: 'new-password',
  },
  {
    name: 'email',
    label: 'auth.register.email',
    type: 'email',
    autoComplete: 'email',
    optional: true,
  },
  {
    name: 'phone',
    label: 'auth.register.phone',
    hint: 'auth.register.phoneHint',
    type: 'tel',
    autoComplete: 'tel',
    optional: true,
  },
];

const parseRegistered = (value: unknown) =>
  typeof value === 'object' && value !== null && 'userId' in value ? value : undefined;

/** /register (registerCitizen): ID card number + FİN, checked through the exchange, then credentials. */
export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.register.title'));
  const formId = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    idCardNumber: '',
    fin: '',
    username: '',
    password: '',
    email: '',
    phone: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);
  const [done, setDone] = useState(false);

  const fieldErrors = new Map<string, string>();
  if (error instanceof ApiError) {
    for (const problem of error.errors) {
      const name = problem.pointer?.replace(/^#\//, '').split('/')[0];
      if (name !== undefined && !fieldErrors.has(name)) fieldErrors.set(name, problem.detail);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: Record<string, string> = {
      idCardNumber: values.idCardNumber.trim().toUpperCase(),
      fin: values.fin.trim().toUpperCase(),
      username: values.username.trim(),
      password: values.password,
    };
    if (values.email.trim() !== '') body.email = values.email.trim();
    if (values.phone.trim() !== '') body.phone = values.phone.replace(/[\s-]/g, '');
    try {
      await postJson('/api/auth/register', body, parseRegistered);
      setDone(true);
    } catch (failure) {
      setError(failure as RequestError);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <>
        <h1>{t('auth.register.title')}</h1>
        <div className="success-message" role="status">
          <p>{t('auth.register.done')}</p>
        </div>
        <p>
          <Link to="/login" className="button">
            {t('auth.register.loginLink')}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t('auth.register.title')}</h1>
      <p className="lead">{t('auth.register.lead')}</p>
      {error !== undefined && (
        <ErrorMessage summary={t('auth.register.errorSummary')} error={error}>
          {fieldErrors.size > 0 && (
            <ul>
              {[...fieldErrors].map(([name, detail]) => (
                <li key={name}>
                  <a href={`#${formId}-${name}`}>
                    {t(FIELDS.find((f) => f.name === name)?.label ?? 'auth.register.title')}:{' '}
                    {detail}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </ErrorMessage>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {FIELDS.map((field) => {
          const id = `${formId}-${field.name}`;
          const problem = fieldErrors.get(field.name);
          const described = [
            field.hint === undefined ? '' : `${id}-hint`,
            problem === undefined ? '' : `${id}-error`,
          ]
            .filter((x) => x !== '')
            .join(' ');
          return (
            <div
              key={field.name}
              className={problem === undefined ? 'form-group' : 'form-group form-group--error'}
            >
              <label className="label" htmlFor={id}>
                {t(field.label)}
              </label>
              {field.hint !== undefined && (
                <p className="hint" id={`${id}-hint`}>
                  {t(field.hint)}
                </p>
              )}
              {problem !== undefined && (
                <p className="field-error" id={`${id}-error`}>
                  {problem}
                </p>
              )}
              <input
                id={id}
                name={field.name}
                className="input"
                type={field.type ?? 'text'}
                autoComplete={field.autoComplete}
                required={field.optional !== true}
                aria-invalid={problem === undefined ? undefined : true}
                aria-describedby={described === '' ? undefined : described}
                value={values[field.name]}
                onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
              />
            </div>
          );
        })}
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? t('auth.register.submitting') : t('auth.register.submit')}
        </button>
      </form>
      <p>
        {t('auth.register.haveAccount')} <Link to="/login">{t('auth.register.loginLink')}</Link>
      </p>
    </>
  );
}
