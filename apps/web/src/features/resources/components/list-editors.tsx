import {
  PhoneType,
  WEEKDAYS,
  type EditablePhone,
  type EditableSchedule,
  type Weekday,
} from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field';

/** Phones and opening hours: rows the editor adds, changes and removes; saved as whole lists. */

export type PhoneDraft = Omit<EditablePhone, 'id'> & { id?: string };
export type ScheduleDraft = Omit<EditableSchedule, 'id'> & { id?: string };

const orNull = (value: string) => (value.trim() === '' ? null : value);

export function PhonesEditor({
  value,
  onChange,
}: {
  value: PhoneDraft[];
  onChange: (next: PhoneDraft[]) => void;
}) {
  const { t } = useTranslation('resources');
  const set = (i: number, change: Partial<PhoneDraft>) =>
    onChange(value.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <fieldset className="rs-fieldset">
      <legend>{t('sections.phones')}</legend>
      {value.length === 0 ? <p className="muted small">{t('phones.none')}</p> : null}
      {value.map((p, i) => {
        const n = i + 1;
        return (
          <div className="rs-row" key={p.id ?? `new-${i}`}>
            <label>
              <span>{t('phones.number', { n })}</span>
              <input value={p.number} onChange={(e) => set(i, { number: e.target.value })} inputMode="tel" />
            </label>
            <label className="rs-narrow">
              <span>{t('phones.extension', { n })}</span>
              <input
                value={p.extension ?? ''}
                inputMode="numeric"
                onChange={(e) => set(i, { extension: e.target.value ? Number(e.target.value) : null })}
              />
            </label>
            <label>
              <span>{t('phones.type', { n })}</span>
              <select value={p.type} onChange={(e) => set(i, { type: PhoneType.parse(e.target.value) })}>
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
                onChange={(e) => set(i, { descriptionEn: orNull(e.target.value) })}
              />
            </label>
            <label>
              <span>{t('phones.descriptionFr', { n })}</span>
              <input
                value={p.descriptionFr ?? ''}
                lang="fr"
                onChange={(e) => set(i, { descriptionFr: orNull(e.target.value) })}
              />
            </label>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {t('phones.remove', { n })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([
            ...value,
            { number: '', extension: null, type: 'voice', descriptionEn: null, descriptionFr: null },
          ])
        }
      >
        {t('phones.add')}
      </button>
    </fieldset>
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
  const set = (i: number, change: Partial<ScheduleDraft>) =>
    onChange(value.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const toggle = (i: number, day: Weekday, on: boolean) => {
    const days = value[i]?.byday ?? [];
    set(i, { byday: WEEKDAYS.filter((d) => (d === day ? on : days.includes(d))) });
  };
  return (
    <fieldset className="rs-fieldset">
      <legend>{t('sections.hours')}</legend>
      <p className="muted small">{t('hours.hint')}</p>
      {value.length === 0 ? <p className="muted small">{t('hours.none')}</p> : null}
      {value.map((s, i) => {
        const n = i + 1;
        return (
          <div className="rs-row" key={s.id ?? `new-${i}`}>
            <fieldset className="rs-days">
              <legend className="visually-hidden">{t('hours.days', { n })}</legend>
              {WEEKDAYS.map((day) => (
                <label key={day} className="rs-day">
                  <input
                    type="checkbox"
                    checked={s.byday.includes(day)}
                    onChange={(e) => toggle(i, day, e.target.checked)}
                  />
                  <span>{t(`days.${day}`)}</span>
                </label>
              ))}
            </fieldset>
            <label className="rs-narrow">
              <span>{t('hours.opens', { n })}</span>
              <input type="time" value={s.opensAt} onChange={(e) => set(i, { opensAt: e.target.value })} />
            </label>
            <label className="rs-narrow">
              <span>{t('hours.closes', { n })}</span>
              <input type="time" value={s.closesAt} onChange={(e) => set(i, { closesAt: e.target.value })} />
            </label>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {t('hours.remove', { n })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([
            ...value,
            {
              byday: ['MO', 'TU', 'WE', 'TH', 'FR'],
              opensAt: '09:00',
              closesAt: '17:00',
              descriptionEn: null,
              descriptionFr: null,
            },
          ])
        }
      >
        {t('hours.add')}
      </button>
    </fieldset>
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
