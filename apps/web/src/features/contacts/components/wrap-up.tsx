import { Disposition } from '@relais/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, missingAt } from '../model/missing';
import { FollowUpDecision, fromLocalInput, toLocalInput } from './follow-up-decision';
import { useWorkspace } from './workspace-context';
import { useLocalize } from '../../../lib/localize';

interface WrapUpProps {
  onClose: () => void;
  closing: boolean;
  /** True once a close was refused: the refusal list is then shown next to each field. */
  refusedOnce: boolean;
}

/** Disposition, notes, end time, the follow-up decision for a crisis, and what is still missing. */
export function WrapUp({ onClose, closing, refusedOnce }: WrapUpProps) {
  const { t } = useTranslation('contacts');
  const { draft, update, flush, contact, line, refused } = useWorkspace();
  const ids = { disposition: useId(), notes: useId(), endedAt: useId(), notesHint: useId() };
  const crisis = draft.crisisFlags.length > 0;
  // Before a refusal, the server's live checklist; after it, the refusal list as it stands now.
  const missing = refusedOnce ? refused : contact.missing;
  const { pick } = useLocalize();
  const lineFieldLabel = (key: string) => {
    const field = line?.fields.find((f) => f.key === key);
    if (!field) return key;
    return pick(field, 'label');
  };

  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-wrapup-title" id="ct-wrap-up">
      <h2 id="ct-wrapup-title">{t('wrapUp.title')}</h2>

      {crisis ? <FollowUpDecision /> : null}

      <div className="ct-grid-wide">
        <div className={`ct-field${missingAt(refused, 'disposition').length > 0 ? ' ct-has-error' : ''}`}>
          <label htmlFor={ids.disposition}>{t('wrapUp.disposition')}</label>
          <select
            id={ids.disposition}
            value={draft.disposition ?? ''}
            onChange={(e) => {
              const value = Disposition.safeParse(e.target.value);
              update((d) => ({ ...d, disposition: value.success ? value.data : null }));
            }}
          >
            <option value="">{t('wrapUp.chooseDisposition')}</option>
            {Disposition.options.map((value) => (
              <option key={value} value={value}>
                {t(`disposition.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ct-field">
          <label htmlFor={ids.endedAt}>{t('wrapUp.endedAt')}</label>
          <div className="ct-row ct-nowrap">
            <input
              id={ids.endedAt}
              type="datetime-local"
              value={draft.endedAt ? toLocalInput(draft.endedAt) : ''}
              onChange={(e) => update((d) => ({ ...d, endedAt: fromLocalInput(e.target.value) }))}
              onBlur={() => void flush()}
            />
            <button
              type="button"
              className="button button-secondary ct-btn-small"
              onClick={() => update((d) => ({ ...d, endedAt: new Date().toISOString() }))}
            >
              {t('wrapUp.endNow')}
            </button>
          </div>
          {draft.endedAt ? null : <p className="ct-hint">{t('wrapUp.endedAtHint')}</p>}
        </div>
      </div>
      <div className="ct-field">
        <label htmlFor={ids.notes}>{t('wrapUp.notes')}</label>
        <textarea
          id={ids.notes}
          value={draft.notes ?? ''}
          maxLength={20_000}
          aria-describedby={ids.notesHint}
          onChange={(e) => update((d) => ({ ...d, notes: e.target.value }))}
          onBlur={() => void flush()}
        />
        <p className="ct-hint" id={ids.notesHint}>
          {t('wrapUp.notesHint')}
        </p>
      </div>

      {missing.length > 0 ? (
        <div className="ct-missing" role={refusedOnce ? 'alert' : undefined} data-testid="missing-list">
          <strong>{refusedOnce ? t('wrapUp.refused') : t('wrapUp.missingTitle')}</strong>
          <ul>
            {missing.map((m) => (
              <li key={m.path}>{fieldLabel(t, m.path, lineFieldLabel)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="ct-hint" role="status">
          {t('wrapUp.ready')}
        </p>
      )}

      <div className="ct-row">
        <span className="ct-spacer" />
        <button type="button" className="button button-primary" disabled={closing} onClick={onClose}>
          {closing ? t('wrapUp.closing') : t('wrapUp.close')}
        </button>
      </div>
    </section>
  );
}
