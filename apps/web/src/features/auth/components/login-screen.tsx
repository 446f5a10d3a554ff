import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert, useErrorMessage } from '../../../components/feedback';
import { Field } from '../../../components/field';
import { SignInLayout } from '../../../components/sign-in-layout';
import { isApiError } from '../../../lib/api';
import { useSession, useSignedOutReason } from '../../../lib/session';
import { useLogin } from '../api/login';

type FieldName = 'email' | 'password' | 'totpCode';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SIX_DIGITS = /^\d{6}$/;

/** The server's answer when the password was right but the authenticator code is missing or wrong. */
const secondFactorOf = (error: unknown) => {
  if (!isApiError(error) || error.status !== 401 || error.details.secondFactor !== 'totp') return null;
  return error.details.reason === 'invalid' ? 'invalid' : 'missing';
};

function validate(email: string, password: string): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
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
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

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
  const fieldError = (field: FieldName) => {
    const key = fieldErrors[field];
    return key ? t(key) : undefined;
  };

  return (
    <SignInLayout>
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
        <Field label={t('login.email')} error={fieldError('email')}>
          {(props) => (
            <input
              {...props}
              ref={emailRef}
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('login.password')} error={fieldError('password')}>
          {(props) => (
            <input
              {...props}
              ref={passwordRef}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {askCode ? (
          <Field label={t('login.code')} hint={t('login.codeHint')} error={fieldError('totpCode')}>
            {(props) => (
              <input
                {...props}
                ref={codeRef}
                name="totpCode"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                value={totpCode}
                onChange={(e) => setTotpCode(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="muted small login-hint">{t('login.hint')}</p>
    </SignInLayout>
  );
}
