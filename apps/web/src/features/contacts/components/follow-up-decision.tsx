import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../model/draft';
import { missingAt } from '../model/missing';
import { FieldError } from './field-error';
import { useWorkspace } from './workspace-context';

/** `datetime-local` value (local time, minutes) for an ISO instant, and back. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d.toISOString();
}

/** For a crisis contact: schedule a follow-up (with a date) or record why none is needed. */
export function FollowUpDecision() {
  const { t } = useTranslation('contacts');
  const { draft, update, flush, refused } = useWorkspace();
  const ids = { dueAt: useId(), note: useId(), reason: useId() };
  const followUp = draft.followUps[0];
  const choice = followUp ? 'schedule' : draft.noFollowUpReason !== null ? 'none' : null;
  const missing = missingAt(refused, 'followUps').length > 0;

  const choose = (next: 'schedule' | 'none') => {
    if (next === 'schedule')
      update((d) => ({
        ...d,
        noFollowUpReason: null,
        followUps:
          d.followUps.length > 0 ? d.followUps : [{ id: newId(), dueAt: tomorrowMorning(), note: null }],
      }));
    else update((d) => ({ ...d, followUps: [], noFollowUpReason: d.noFollowUpReason ?? '' }));
  };

  return (
    <fieldset
      className={`ct-choices ct-stack${missing ? ' ct-has-error' : ''}`}
      data-testid="follow-up-decision"
    >
      <legend>{t('followUp.title')}</legend>
      <p className="ct-hint">{t('followUp.required')}</p>
      <div className="ct-pills">
        <label className={`ct-pill${choice === 'schedule' ? ' ct-pill-on' : ''}`}>
          <input
            type="radio"
            name="follow-up"
            checked={choice === 'schedule'}
            onChange={() => choose('schedule')}
          />
          {t('followUp.schedule')}
        </label>
        <label className={`ct-pill${choice === 'none' ? ' ct-pill-on' : ''}`}>
          <input type="radio" name="follow-up" checked={choice === 'none'} onChange={() => choose('none')} />
          {t('followUp.none')}
        </label>
      </div>
      {followUp ? (
        <div className="ct-grid-2">
          <div className="ct-field">
            <label htmlFor={ids.dueAt}>{t('followUp.dueAt')}</label>
            <input
              id={ids.dueAt}
              type="datetime-local"
              value={toLocalInput(followUp.dueAt)}
              onChange={(e) => {
                const dueAt = fromLocalInput(e.target.value);
                if (dueAt)
                  update((d) => ({ ...d, followUps: [{ ...followUp, dueAt }, ...d.followUps.slice(1)] }));
              }}
              onBlur={() => void flush()}
            />
          </div>
          <div className="ct-field">
            <label htmlFor={ids.note}>{t('followUp.note')}</label>
            <input
              id={ids.note}
              value={followUp.note ?? ''}
              maxLength={2000}
              onChange={(e) =>
                update((d) => ({
                  ...d,
                  followUps: [{ ...followUp, note: e.target.value }, ...d.followUps.slice(1)],
                }))
              }
              onBlur={() => void flush()}
            />
          </div>
        </div>
      ) : null}
      {choice === 'none' ? (
        <div className="ct-field">
          <label htmlFor={ids.reason}>{t('followUp.reason')}</label>
          <input
            id={ids.reason}
            value={draft.noFollowUpReason ?? ''}
            maxLength={2000}
            onChange={(e) => update((d) => ({ ...d, noFollowUpReason: e.target.value }))}
            onBlur={() => void flush()}
          />
        </div>
      ) : null}
      <FieldError>{missing ? t('fields.required') : null}</FieldError>
    </fieldset>
  );
}
