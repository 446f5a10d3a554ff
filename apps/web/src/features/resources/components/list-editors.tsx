import { PhoneType, WEEKDAYS, type Phone, type Schedule } from '@relais/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field';

/** Phones and opening hours: rows the editor adds, changes and removes; saved as whole lists. */

export type PhoneDraft = Omit<Phone, 'id'> & { id?: string };
export type ScheduleDraft = Omit<Schedule, 'id'> & { id?: string };

const orNull = (value: string) => (value.trim() === '' ? null : value);

/**
 * A list the editor adds rows to, changes and removes rows from; each row's fields come from `children`,
 * with `set` to change that row and `n` its number (in labels, so each field is named on its own).
 */
function RowsEditor<T extends { id?: string }>({
  legend,
  hint,
  none,
  value,
  onChange,
  removeLabel,
  addLabel,
  blank,
  children,
}: {
  legend: string;
  hint?: string;
  none: string;
  value: T[];
  onChange: (next: T[]) => void;
  removeLabel: (n: number) => string;
  addLabel: string;
  blank: () => T;
  children: (row: T, set: (change: Partial<T>) => void, n: number) => ReactNode;
}) {
  const set = (i: number, change: Partial<T>) =>
    onChange(value.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <fieldset className="rs-fieldset">
      <legend>{legend}</legend>
      {hint ? <p className="muted small">{hint}</p> : null}
      {value.length === 0 ? <p className="muted small">{none}</p> : null}
      {value.map((row, i) => (
        <div className="rs-row" key={row.id ?? `new-${i}`}>
          {children(row, (change) => set(i, change), i + 1)}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            {removeLabel(i + 1)}
          </button>
        </div>
      ))}
      <button type="button" className="button button-secondary" onClick={() => onChange([...value, blank()])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

export function PhonesEditor({
  value,
  onChange,
}: {
  value: PhoneDraft[];
  onChange: (next: PhoneDraft[]) => void;
}) {
  const { t } = useTranslation('resources');
  return (
    <RowsEditor
      legend={t('sections.phones')}
      none={t('phones.none')}
      value={value}
      onChange={onChange}
      removeLabel={(n) => t('phones.remove', { n })}
      addLabel={t('phones.add')}
      blank={(): PhoneDraft => ({
        number: '',
        extension: null,
        type: 'voice',
        descriptionEn: null,
        descriptionFr: null,
      })}
    >
      {(p, set, n) => (
        <>
          <label>
            <span>{t('phones.number', { n })}</span>
            <input value={p.number} onChange={(e) => set({ number: e.target.value })} inputMode="tel" />
          </label>
          <label className="rs-narrow">
            <span>{t('phones.extension', { n })}</span>
            <input
              value={p.extension ?? ''}
              inputMode="numeric"
              onChange={(e) => set({ extension: e.target.value ? Number(e.target.value) : null })}
            />
          </label>
          <label>
            <span>{t('phones.type', { n })}</span>
            <select value={p.type} onChange={(e) => set({ type: PhoneType.parse(e.target.value) })}>
              {PhoneType.options.map((type) => (
                <option key={type} value={type}>
                  {t(`phoneTypes.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('phones.descriptionEn', { n })}</span>
            <input
              value={p.descriptionEn ?? ''}
              lang="en"
              onChange={(e) => set({ descriptionEn: orNull(e.target.value) })}
            />
          </label>
          <label>
            <span>{t('phones.descriptionFr', { n })}</span>
            <input
              value={p.descriptionFr ?? ''}
              lang="fr"
              onChange={(e) => set({ descriptionFr: orNull(e.target.value) })}
            />
          </label>
        </>
      )}
    </RowsEditor>
  );
}

export function HoursEditor({
  value,
  onChange,
}: {
  value: ScheduleDraft[];
  onChange: (next: ScheduleDraft[]) => void;
}) {
  const { t } = useTranslation('resources');
  return (
    <RowsEditor
      legend={t('sections.hours')}
      hint={t('hours.hint')}
      none={t('hours.none')}
      value={value}
      onChange={onChange}
      removeLabel={(n) => t('hours.remove', { n })}
      addLabel={t('hours.add')}
      blank={(): ScheduleDraft => ({
        byday: ['MO', 'TU', 'WE', 'TH', 'FR'],
        opensAt: '09:00',
        closesAt: '17:00',
        descriptionEn: null,
        descriptionFr: null,
      })}
    >
      {(s, set, n) => (
        <>
          <fieldset className="rs-days">
            <legend className="visually-hidden">{t('hours.days', { n })}</legend>
            {WEEKDAYS.map((day) => (
              <label key={day} className="rs-day">
                <input
                  type="checkbox"
                  checked={s.byday.includes(day)}
                  onChange={(e) =>
                    set({
                      byday: WEEKDAYS.filter((d) => (d === day ? e.target.checked : s.byday.includes(d))),
                    })
                  }
                />
                <span>{t(`days.${day}`)}</span>
              </label>
            ))}
          </fieldset>
          <label className="rs-narrow">
            <span>{t('hours.opens', { n })}</span>
            <input type="time" value={s.opensAt} onChange={(e) => set({ opensAt: e.target.value })} />
          </label>
          <label className="rs-narrow">
            <span>{t('hours.closes', { n })}</span>
            <input type="time" value={s.closesAt} onChange={(e) => set({ closesAt: e.target.value })} />
          </label>
        </>
      )}
    </RowsEditor>
  );
}

/** A comma-separated list (language codes, taxonomy term ids) edited as text. */
export function CodeListField({
  label,
  hint,
  value,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <input
          {...props}
          defaultValue={value.join(', ')}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(',')
                .map((x) => x.trim())
                .filter((x) => x.length > 0),
            )
          }
        />
      )}
    </Field>
  );
}
