import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson, type RequestError } from '../../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Link } from '../../router.tsx';
import type { LoginMethodProps } from './login-methods.tsx';

const parseLoggedIn = (value: unknown) =>
  typeof value === 'object' && value !== null ? value : undefined;

/** Username and password (operationId login): acr low. */
export function PasswordLogin({ onLoggedIn }: LoginMethodProps) {
  const { t } = useTranslation();
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | undefined>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await postJson('/api/auth/login', { username, password }, parseLoggedIn);
      onLoggedIn();
    } catch (failure) {
      setError(failure as RequestError);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {error !== undefined && <ErrorMessage summary={t('auth.login.failed')} error={error} />}
      <div className="form-group">
        <label className="label" htmlFor={usernameId}>
          {t('auth.login.username')}
        </label>
        <input
          id={usernameId}
          className="input"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor={passwordId}>
          {t('auth.login.password')}
        </label>
        <input
          id={passwordId}
          className="input"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="button" aria-disabled={busy} disabled={busy}>
        {busy ? t('auth.login.submitting') : t('auth.login.submit')}
      </button>
      <p>
        {t('auth.login.noAccount')} <Link to="/register">{t('auth.login.registerLink')}</Link>
      </p>
    </form>
  );
}
