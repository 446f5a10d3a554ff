import { MIN_PASSWORD_LENGTH } from '@relais/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert } from '../../../components/feedback';
import { Field } from '../../../components/field';
import { isApiError } from '../../../lib/api';
import { useCurrentStaff } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';

type FieldName = 'currentPassword' | 'newPassword' | 'confirm';
type Errors = Partial<Record<FieldName, string>>;

/** The server names the field; the words shown are ours, in the reader's language. */
function serverErrors(error: unknown): Errors | null {
  if (!isApiError(error) || error.code !== 'validation') return null;
  const fields = error.fieldMessages();
  const out: Errors = {};
  if (fields.currentPassword) out.currentPassword = 'password.errors.current';
  if (fields.newPassword)
    out.newPassword = /differ/.test(fields.newPassword) ? 'password.errors.same' : 'password.errors.short';
  return Object.keys(out).length ? out : null;
}

/** Changes my own password; the current one is required. */
export function PasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation('account');
  const me = useCurrentStaff();
  const change = useChangePassword();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const min = me.demo ? 1 : MIN_PASSWORD_LENGTH;

  const set = (name: FieldName) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!values.currentPassword) found.currentPassword = 'password.errors.currentRequired';
    if (values.newPassword.length < min) found.newPassword = 'password.errors.short';
    else if (values.newPassword === values.currentPassword) found.newPassword = 'password.errors.same';
    if (!found.newPassword && values.confirm !== values.newPassword)
      found.confirm = 'password.errors.mismatch';
    setErrors(found);
    if (Object.keys(found).length) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues({ currentPassword: '', newPassword: '', confirm: '' });
          onDone?.();
        },
        onError: (error) => setErrors(serverErrors(error) ?? {}),
      },
    );
  };

  const error = (name: FieldName) => (errors[name] ? t(errors[name], { min }) : undefined);
  const unexpected = change.error && !serverErrors(change.error) ? change.error : null;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t('password.title')}>
      {change.isSuccess ? <Alert tone="success">{t('password.done')}</Alert> : null}
      {unexpected ? <ErrorAlert error={unexpected} /> : null}
      <Field label={t('password.current')} error={error('currentPassword')}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set('currentPassword')}
          />
        )}
      </Field>
      <Field
        label={t('password.new')}
        hint={t(min > 1 ? 'password.newHint' : 'password.newHintDemo', { min })}
        error={error('newPassword')}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
          />
        )}
      </Field>
      <Field label={t('password.confirm')} error={error('confirm')}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        {change.isPending ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}
