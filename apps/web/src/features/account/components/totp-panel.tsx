import type { TotpSetup } from '@relais/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert } from '../../../components/feedback';
import { Field } from '../../../components/field';
import { isApiErrorCode } from '../../../lib/api';
import { useCurrentStaff } from '../../../lib/session';
import { useConfirmTotp, useDisableTotp, useStartTotpSetup } from '../api/totp';

const SIX_DIGITS = /^\d{6}$/;

/** The person's password, asked again before a change to two-step verification. */
function PasswordAgain(props: {
  label: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(field) => (
        <input
          {...field}
          type="password"
          autoComplete="current-password"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** Set-up: the QR code and key shown once, then a first code from the app turns it on. */
export function TotpEnrolment() {
  const { t } = useTranslation('account');
  const start = useStartTotpSetup();
  const confirm = useConfirmTotp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!setup) {
    const wrongPassword = isApiErrorCode(start.error, 'validation');
    return (
      <form
        className="form"
        noValidate
        aria-label={t('totp.start')}
        onSubmit={(event) => {
          event.preventDefault();
          if (!password) return setError('totp.errors.passwordRequired');
          setError(null);
          start.mutate(password, { onSuccess: setSetup });
        }}
      >
        {start.error && !wrongPassword ? <ErrorAlert error={start.error} /> : null}
        <PasswordAgain
          label={t('totp.setupPassword')}
          error={wrongPassword ? t('totp.errors.password') : error ? t(error) : undefined}
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button button-primary" disabled={start.isPending}>
          {start.isPending ? t('totp.starting') : t('totp.start')}
        </button>
      </form>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    if (!SIX_DIGITS.test(typed)) return setError('totp.errors.code');
    setError(null);
    confirm.mutate(typed, {
      onError: (err) => setError(isApiErrorCode(err, 'validation') ? 'totp.errors.wrongCode' : null),
    });
  };
  const unexpected = confirm.error && !isApiErrorCode(confirm.error, 'validation');

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t('totp.title')}>
      <p>{t('totp.scan')}</p>
      <img
        className="totp-qr"
        width={200}
        height={200}
        alt={t('totp.qrAlt')}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
      />
      <p>
        {t('totp.secret')}:{' '}
        <code data-testid="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      {unexpected ? <ErrorAlert error={confirm.error} /> : null}
      <Field label={t('totp.code')} hint={t('totp.codeHint')} error={error ? t(error) : undefined}>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={confirm.isPending}>
        {confirm.isPending ? t('totp.confirming') : t('totp.confirm')}
      </button>
    </form>
  );
}

function TotpDisable() {
  const { t } = useTranslation('account');
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');
  const wrong = isApiErrorCode(disable.error, 'validation');
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (password) disable.mutate(password, { onSuccess: () => setPassword('') });
      }}
    >
      {disable.error && !wrong ? <ErrorAlert error={disable.error} /> : null}
      <PasswordAgain
        label={t('totp.disablePassword')}
        error={wrong ? t('totp.errors.password') : undefined}
        value={password}
        onChange={setPassword}
      />
      <button type="submit" className="button button-secondary" disabled={disable.isPending}>
        {disable.isPending ? t('totp.disabling') : t('totp.disable')}
      </button>
    </form>
  );
}

/** Two-step verification in My account: its state, and setting it up or turning it off. */
export function TotpPanel() {
  const { t } = useTranslation('account');
  const me = useCurrentStaff();
  return (
    <div>
      <p className="muted">{t('totp.intro')}</p>
      {me.totpEnabled ? (
        <>
          <Alert tone="success">
            {t('totp.on')} {me.totpRequired ? t('totp.required') : null}
          </Alert>
          {me.totpRequired ? null : <TotpDisable />}
        </>
      ) : (
        <>
          <p>{t('totp.off')}</p>
          <TotpEnrolment />
        </>
      )}
    </div>
  );
}
