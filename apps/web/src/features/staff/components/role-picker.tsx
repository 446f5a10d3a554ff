import { ROLES, type Role } from '@relais/contracts';
import { useTranslation } from 'react-i18next';

/** One checkbox per role; a person may hold several. */
export function RolePicker({
  value,
  onChange,
  error,
  errorId,
}: {
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
  errorId: string;
}) {
  const { t } = useTranslation(['staff', 'common']);
  const toggle = (role: Role, on: boolean) =>
    onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <fieldset className="st-checks" aria-describedby={error ? errorId : undefined}>
      <legend>{t('form.roles')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="st-check">
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(e) => toggle(role, e.target.checked)}
          />
          <span>
            {t(`common:roles.${role}`)}
            <span className="muted small"> — {t(`roleHelp.${role}`)}</span>
          </span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
