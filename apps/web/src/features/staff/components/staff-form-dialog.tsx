import { MIN_PASSWORD_LENGTH, type Locale, type Role, type StaffMember } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/feedback';
import { Modal } from '../../../components/modal';
import { isApiErrorCode } from '../../../lib/api';
import { useCurrentStaff } from '../../../lib/session';
import { useCreateStaff } from '../api/create-staff';
import { useUpdateStaff } from '../api/update-staff';
import { serverFieldErrors } from './field-errors';
import { RolePicker } from './role-picker';

const FIELDS = ['name', 'email', 'roles', 'password'] as const;
type Field = (typeof FIELDS)[number];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an account (`member` absent) or edits one's name, roles and language. */
export function StaffFormDialog({
  member,
  onClose,
  onDone,
}: {
  member?: StaffMember;
  onClose: () => void;
  onDone: (saved: StaffMember) => void;
}) {
  const { t } = useTranslation(['staff', 'common']);
  const me = useCurrentStaff();
  const id = useId();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const mutation = member ? update : create;
  const [name, setName] = useState(member?.name ?? '');
  const [email, setEmail] = useState(member?.email ?? '');
  const [roles, setRoles] = useState<Role[]>(member?.roles ?? []);
  const [locale, setLocale] = useState<Locale>(member?.locale ?? 'en');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const minLength = me.demo ? 1 : MIN_PASSWORD_LENGTH;

  const validate = () => {
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = 'form.errors.name';
    if (!member && !EMAIL.test(email.trim())) found.email = 'form.errors.email';
    if (roles.length === 0) found.roles = 'form.errors.roles';
    if (!member && password.length < minLength) found.password = 'form.errors.password';
    return found;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    const onError = (error: unknown) => setErrors(serverFieldErrors(error, FIELDS));
    if (member) {
      update.mutate({ id: member.id, name: name.trim(), roles, locale }, { onSuccess: onDone, onError });
    } else {
      create.mutate(
        { name: name.trim(), email: email.trim(), roles, locale, password },
        { onSuccess: onDone, onError },
      );
    }
  };

  const errorOf = (field: Field) => {
    const key = errors[field];
    return key ? t(key, { min: MIN_PASSWORD_LENGTH }) : undefined;
  };
  const input = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errorOf(field)}
      </p>
    ) : null;
  const error = mutation.error;
  const conflict = isApiErrorCode(error, 'conflict');

  return (
    <Modal
      title={member ? t('form.editTitle', { name: member.name }) : t('form.createTitle')}
      onEscape={onClose}
      initialFocus="first-field"
      className="st-modal"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('form.name')}</label>
          <input
            {...input('name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
          {fieldError('name')}
        </div>
        {member ? null : (
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('form.email')}</label>
            <input
              {...input('email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="off"
            />
            {fieldError('email')}
          </div>
        )}
        <RolePicker
          value={roles}
          onChange={setRoles}
          error={errorOf('roles')}
          errorId={`${id}-roles-error`}
        />
        <div className="field">
          <label htmlFor={`${id}-locale`}>{t('form.locale')}</label>
          <select
            id={`${id}-locale`}
            value={locale}
            onChange={(e) => setLocale(e.target.value === 'fr' ? 'fr' : 'en')}
          >
            <option value="en">{t('common:language.en')}</option>
            <option value="fr">{t('common:language.fr')}</option>
          </select>
        </div>
        {member ? null : (
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('form.password')}</label>
            <input
              {...input('password')}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
            />
            <p className="muted small">{t('form.passwordHelp', { min: minLength })}</p>
            {fieldError('password')}
          </div>
        )}
        {conflict ? (
          <p className="field-error" role="alert">
            {member ? t('errors.lastAdmin') : t('errors.emailTaken')}
          </p>
        ) : error && Object.keys(errors).length === 0 ? (
          <ErrorAlert error={error} />
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {member ? t('common:actions.save') : t('form.create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
