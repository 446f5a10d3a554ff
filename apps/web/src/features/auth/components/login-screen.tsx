import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert, useErrorMessage } from '../../../components/feedback';
import { LanguageSwitch } from '../../../components/language-switch';
import { isApiError } from '../../../lib/api';
import { useSession, useSignedOutReason } from '../../../lib/session';
import { useLogin } from '../api/login';

type Field = 'email' | 'password' | 'totpCode';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SIX_DIGITS = /^\d{6}$/;

/** The server's answer when the password was right but the authenticator code is missing or wrong. */
const secondFactorOf = (error: unknown) => {
  if (!isApiError(error) || error.status !== 401 || error.details.secondFactor !== 'totp') return null;
  return error.details.reason === 'invalid' ? 'invalid' : 'missing';
};

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
  const [totpCode, setTotpCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const id = useId();

  if (me) return <Navigate to={returnPath} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validate(email, password);
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    const code = totpCode.replace(/\s/g, '');
    if (askCode && !SIX_DIGITS.test(code)) {
      setFieldErrors({ totpCode: 'login.errors.codeFormat' });
      return codeRef.current?.focus();
    }
    login.mutate(
      { email: email.trim(), password, ...(askCode ? { totpCode: code } : {}) },
      {
        onError: (error) => {
          if (secondFactorOf(error)) {
            setAskCode(true);
            setTotpCode('');
            // The field appears with this render: focus it once it is there.
            setTimeout(() => codeRef.current?.focus(), 0);
          } else {
            setAskCode(false);
            passwordRef.current?.select();
          }
        },
      },
    );
  };

  const secondFactor = secondFactorOf(login.error);
  const serverError = login.error
    ? secondFactor === 'invalid'
      ? t('login.errors.codeInvalid')
      : secondFactor === 'missing'
        ? null
        : isApiError(login.error) && login.error.status === 401
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
          {askCode ? (
            <div className="field">
              <label htmlFor={`${id}-totpCode`}>{t('login.code')}</label>
              <p className="field-hint" id={`${id}-totpCode-hint`}>
                {t('login.codeHint')}
              </p>
              <input
                ref={codeRef}
                id={`${id}-totpCode`}
                name="totpCode"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                value={totpCode}
                onChange={(e) => setTotpCode(e.target.value)}
                aria-invalid={fieldErrors.totpCode ? true : undefined}
                aria-describedby={
                  fieldErrors.totpCode ? `${id}-totpCode-hint ${id}-totpCode-error` : `${id}-totpCode-hint`
                }
              />
              {fieldError('totpCode')}
            </div>
          ) : null}
          <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="muted small login-hint">{t('login.hint')}</p>
      </main>
    </div>
  );
}
