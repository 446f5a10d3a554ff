import { MIN_PASSWORD_LENGTH, type StaffMember } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/feedback';
import { Modal } from '../../../components/modal';
import { useCurrentStaff } from '../../../lib/session';
import { useResetPassword } from '../api/reset-password';

/** Sets a new password; the person's open sessions end at once. */
export function ResetPasswordDialog({
  member,
  onClose,
  onDone,
}: {
  member: StaffMember;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation(['staff', 'common']);
  const me = useCurrentStaff();
  const id = useId();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<'password' | 'confirm' | null>(null);
  const minLength = me.demo ? 1 : MIN_PASSWORD_LENGTH;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < minLength) return setError('password');
    if (password !== confirm) return setError('confirm');
    setError(null);
    reset.mutate({ id: member.id, password }, { onSuccess: onDone });
  };

  return (
    <Modal
      title={t('reset.title', { name: member.name })}
      onEscape={onClose}
      initialFocus="first-field"
      className="st-modal"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <p>{t('reset.body')}</p>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('reset.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error === 'password' ? true : undefined}
            aria-describedby={`${id}-help`}
          />
          <p className="muted small" id={`${id}-help`}>
            {t('form.passwordHelp', { min: minLength })}
          </p>
          {error === 'password' ? (
            <p className="field-error">{t('form.errors.password', { min: MIN_PASSWORD_LENGTH })}</p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>{t('reset.confirm')}</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={error === 'confirm' ? true : undefined}
          />
          {error === 'confirm' ? <p className="field-error">{t('reset.mismatch')}</p> : null}
        </div>
        {reset.error ? <ErrorAlert error={reset.error} /> : null}
        <div className="modal-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={reset.isPending}>
            {t('reset.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
