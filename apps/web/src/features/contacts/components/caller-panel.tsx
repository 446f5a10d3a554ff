import { AgeGroup, CallerRelation, Gender } from '@relais/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { missingAt } from '../model/missing';
import { UNDISCLOSED_LANGUAGE, type DraftCaller } from '../model/draft';
import { ChoiceGroup } from './choice-group';
import { FieldError } from './field-error';
import { LanguagePicker } from './language-picker';
import { RepeatCaller } from './repeat-caller';
import { useWorkspace } from './workspace-context';

const choicesOf = <T extends string>(values: readonly T[]) => values.filter((v) => v !== 'undisclosed');

/** The caller: anonymous by default; every coded answer offers "Undisclosed" as a visible choice. */
export function CallerPanel() {
  const { t } = useTranslation('contacts');
  const { draft, update, flush, contact, refused } = useWorkspace();
  const caller = draft.caller;
  const [replacingPhone, setReplacingPhone] = useState(false);
  const ids = { first: useId(), phone: useId(), municipality: useId(), fsa: useId(), fsaHint: useId() };

  const set = (change: Partial<DraftCaller>) => update((d) => ({ ...d, caller: { ...d.caller, ...change } }));
  const blur = () => void flush();
  const errorFor = (path: string) => (missingAt(refused, path).length > 0 ? t('fields.required') : undefined);
  const undisclosed = { value: 'undisclosed', label: t('undisclosed') };

  const location = caller.location ?? { undisclosed: false, municipality: null, fsa: null };
  const setLocation = (change: Partial<typeof location>) =>
    set({ location: { ...location, undisclosed: false, ...change } });
  const fsa = location.fsa ?? '';
  const fsaInvalid = fsa.length === 3 && !/^[A-Za-z]\d[A-Za-z]$/.test(fsa);
  const locationError = errorFor('caller.location');

  const phoneOnFile = contact.caller.hasPhone && caller.phone === undefined && !replacingPhone;
  const anonymous = !caller.firstName && !contact.caller.hasPhone && !caller.phone;

  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-caller-title">
      <div className="ct-row">
        <h2 id="ct-caller-title">{t('caller.title')}</h2>
        <span className="ct-spacer" />
        {anonymous ? <span className="ct-tag">{t('caller.anonymous')}</span> : null}
      </div>
      <p className="ct-hint">{t('caller.anonymousHint')}</p>

      <div className="ct-grid-2">
        <div className="ct-field">
          <label htmlFor={ids.first}>{t('caller.firstName')}</label>
          <input
            id={ids.first}
            value={caller.firstName ?? ''}
            autoComplete="off"
            maxLength={100}
            onChange={(e) => set({ firstName: e.target.value })}
            onBlur={blur}
          />
        </div>
        <div className="ct-field">
          <label htmlFor={ids.phone}>{t('caller.phone')}</label>
          {phoneOnFile ? (
            <div className="ct-row">
              <span data-testid="phone-on-file">
                {t('caller.phoneOnFile', { masked: contact.caller.phoneMasked ?? '' })}
              </span>
              <button
                type="button"
                className="ct-link"
                id={ids.phone}
                onClick={() => setReplacingPhone(true)}
              >
                {t('caller.changePhone')}
              </button>
            </div>
          ) : (
            <input
              id={ids.phone}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              maxLength={40}
              value={caller.phone ?? ''}
              onChange={(e) => set({ phone: e.target.value })}
              onBlur={blur}
            />
          )}
        </div>
      </div>
      <RepeatCaller contact={contact} phone={caller.phone ?? ''} />

      <ChoiceGroup
        legend={t('caller.ageGroup.label')}
        name="ageGroup"
        value={caller.ageGroup}
        choices={choicesOf(AgeGroup.options).map((v) => ({ value: v, label: t(`caller.ageGroup.${v}`) }))}
        undisclosed={undisclosed}
        onChange={(v) => set({ ageGroup: AgeGroup.parse(v) })}
        error={errorFor('caller.ageGroup')}
      />
      <ChoiceGroup
        legend={t('caller.gender.label')}
        name="gender"
        value={caller.gender}
        choices={choicesOf(Gender.options).map((v) => ({ value: v, label: t(`caller.gender.${v}`) }))}
        undisclosed={undisclosed}
        onChange={(v) => set({ gender: Gender.parse(v) })}
        error={errorFor('caller.gender')}
      />
      <LanguagePicker
        value={caller.language}
        undisclosedValue={UNDISCLOSED_LANGUAGE}
        onChange={(language) => set({ language })}
        onBlur={blur}
      />

      <fieldset className={`ct-choices${locationError ? ' ct-has-error' : ''}`}>
        <legend>{t('caller.location.label')}</legend>
        <div className="ct-grid-2">
          <div className="ct-field">
            <label htmlFor={ids.municipality}>{t('caller.location.municipality')}</label>
            <input
              id={ids.municipality}
              value={location.undisclosed ? '' : (location.municipality ?? '')}
              maxLength={120}
              autoComplete="off"
              onChange={(e) => setLocation({ municipality: e.target.value })}
              onBlur={blur}
            />
          </div>
          <div className={`ct-field${fsaInvalid ? ' ct-has-error' : ''}`}>
            <label htmlFor={ids.fsa}>{t('caller.location.fsa')}</label>
            <input
              id={ids.fsa}
              value={location.undisclosed ? '' : fsa}
              maxLength={3}
              autoComplete="off"
              aria-describedby={ids.fsaHint}
              className="ct-fsa-input"
              onChange={(e) => setLocation({ fsa: e.target.value.toUpperCase() })}
              onBlur={blur}
            />
          </div>
        </div>
        <p id={ids.fsaHint} className={fsaInvalid ? 'ct-field-error' : 'ct-hint'}>
          {fsaInvalid ? t('caller.location.fsaInvalid') : t('caller.location.fsaHint')}
        </p>
        <div className="ct-pills">
          <button
            type="button"
            className={`ct-pill ct-pill-undisclosed${location.undisclosed ? ' ct-pill-on' : ''}`}
            aria-pressed={location.undisclosed}
            onClick={() =>
              set({
                location: location.undisclosed ? null : { undisclosed: true, municipality: null, fsa: null },
              })
            }
          >
            {t('undisclosed')}
          </button>
        </div>
        <FieldError>{locationError}</FieldError>
      </fieldset>

      <ChoiceGroup
        legend={t('caller.relation.label')}
        name="relation"
        value={caller.relation}
        choices={choicesOf(CallerRelation.options).map((v) => ({
          value: v,
          label: t(`caller.relation.${v}`),
        }))}
        undisclosed={undisclosed}
        onChange={(v) => set({ relation: CallerRelation.parse(v) })}
      />
    </section>
  );
}
