import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert, useErrorMessage } from '../../../components/feedback';
import { LanguageSwitch } from '../../../components/language-switch';
import { isApiError } from '../../../lib/api';
import { useSession, useSignedOutReason } from '../../../lib/session';
import { useLogin } from '../api/login';

type Field = 'email' | 'password';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(email: string, password: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!email.trim()) errors.email = 'login.errors.emailRequired';
  else if (!EMAIL.test(email.trim())) errors.email = 'login.errors.emailInvalid';
  if (!password) errors.password = 'login.errors.passwordRequired';
  return errors;
}

/** Where to go after signing in: back to the page that sent us here, if it was one of ours. */
function useReturnPath() {
  const location = useLocation();
  const from = (location.state as { from?: { pathname?: string; search?: string } } | null)?.from;
  const path = from?.pathname && from.pathname !== '/login' ? `${from.pathname}${from.search ?? ''}` : '/';
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

export function LoginScreen() {
  const { t } = useTranslation(['auth', 'common']);
  const { me } = useSession();
  const reason = useSignedOutReason();
  const returnPath = useReturnPath();
  const login = useLogin();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const id = useId();

  if (me) return <Navigate to={returnPath} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validate(email, password);
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    login.mutate({ email: email.trim(), password }, { onError: () => passwordRef.current?.select() });
  };

  const serverError = login.error
    ? isApiError(login.error) && login.error.status === 401
      ? t('login.errors.invalid')
      : errorMessage(login.error)
    : null;
  const fieldError = (field: Field) => {
    const key = fieldErrors[field];
    return key ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {t(key)}
      </p>
    ) : null;
  };

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span>
            <span className="brand-name">{t('common:app.name')}</span>
            <span className="brand-tagline">{t('common:app.tagline')}</span>
          </span>
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {reason && !login.isPending ? (
          <Alert tone={reason === 'logout' ? 'info' : 'warning'}>{t(`common:signedOut.${reason}`)}</Alert>
        ) : null}
        {serverError ? <Alert tone="error">{serverError}</Alert> : null}
        <form onSubmit={onSubmit} noValidate className="form">
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('login.email')}</label>
            <input
              ref={emailRef}
              id={`${id}-email`}
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? `${id}-email-error` : undefined}
            />
            {fieldError('email')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              ref={passwordRef}
              id={`${id}-password`}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
            />
            {fieldError('password')}
          </div>
          <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="muted small login-hint">{t('login.hint')}</p>
      </main>
    </div>
  );
}
