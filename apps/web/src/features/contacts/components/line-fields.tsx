import type { LineField } from '@relais/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { missingAt } from '../model/missing';
import { FieldError } from './field-error';
import { useWorkspace } from './workspace-context';
import { useLocalize } from '../../../lib/localize';

type Value = string | number | boolean | null;

/** The extra fields of a specialised line, rendered from the line's definition (data, not code). */
export function LineFields() {
  const { t } = useTranslation('contacts');
  const { line, draft, update, refused } = useWorkspace();
  const { pick: localized } = useLocalize();
  if (!line || line.fields.length === 0) return null;
  const lineName = localized(line, 'name');

  const set = (key: string, value: Value) =>
    update((d) => ({ ...d, lineFields: { ...d.lineFields, [key]: value } }));

  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-line-title">
      <h2 id="ct-line-title">{t('line.extraFields', { line: lineName })}</h2>
      {line.fields.map((field) => (
        <LineFieldInput
          key={field.key}
          field={field}
          label={localized(field, 'label')}
          value={draft.lineFields[field.key] ?? null}
          onChange={(v) => set(field.key, v)}
          error={missingAt(refused, `lineFields.${field.key}`).length > 0 ? t('fields.required') : undefined}
        />
      ))}
    </section>
  );
}

interface LineFieldInputProps {
  field: LineField;
  label: string;
  value: Value;
  onChange: (value: Value) => void;
  error: string | undefined;
}

function LineFieldInput({ field, label, value, onChange, error }: LineFieldInputProps) {
  const { t } = useTranslation('contacts');
  const { flush } = useWorkspace();
  const id = useId();
  const { pick: localized } = useLocalize();
  const text = `${label}${field.required ? ' *' : ''}`;
  const blur = () => void flush();

  if (field.type === 'boolean') {
    const options: Array<[string, boolean]> = [
      [t('line.yes'), true],
      [t('line.no'), false],
    ];
    return (
      <fieldset className={`ct-choices${error ? ' ct-has-error' : ''}`}>
        <legend>{text}</legend>
        <div className="ct-pills">
          {options.map(([optionLabel, optionValue]) => (
            <label key={optionLabel} className={`ct-pill${value === optionValue ? ' ct-pill-on' : ''}`}>
              <input
                type="radio"
                name={`${id}-${field.key}`}
                checked={value === optionValue}
                onChange={() => onChange(optionValue)}
              />
              {optionLabel}
            </label>
          ))}
        </div>
        <FieldError>{error}</FieldError>
      </fieldset>
    );
  }

  return (
    <div className={`ct-field${error ? ' ct-has-error' : ''}`}>
      <label htmlFor={id}>{text}</label>
      {field.type === 'select' ? (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">{t('line.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {localized(o, 'label')}
            </option>
          ))}
        </select>
      ) : field.type === 'number' ? (
        <input
          id={id}
          type="number"
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          onBlur={blur}
        />
      ) : field.type === 'date' ? (
        <input
          id={id}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
          onBlur={blur}
        />
      ) : (
        <input
          id={id}
          value={typeof value === 'string' ? value : ''}
          maxLength={field.maxLength ?? 2000}
          onChange={(e) => onChange(e.target.value)}
          onBlur={blur}
        />
      )}
      <FieldError>{error}</FieldError>
    </div>
  );
}
