import { ReferralKind, UnmetReason } from '@relais/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftNeed } from '../model/draft';
import { missingAt } from '../model/missing';
import { termPath } from '../model/taxonomy';
import { FieldError } from './field-error';
import { useWorkspace } from './workspace-context';

interface NeedCardProps {
  need: DraftNeed;
  index: number;
  active: boolean;
  onChange: (need: DraftNeed) => void;
  onRemove: () => void;
  onFindServices: () => void;
}

export function NeedCard({ need, index, active, onChange, onRemove, onFindServices }: NeedCardProps) {
  const { t, i18n } = useTranslation('contacts');
  const { taxonomy, refused, flush } = useWorkspace();
  const reasonId = useId();
  const noteId = useId();
  const name = termPath(taxonomy, need.termId, i18n.language);
  const unmet = need.unmetReason !== null;
  // "Mark unmet" opens the reason list without picking a reason for the specialist.
  const [marking, setMarking] = useState(false);
  const showUnmet = unmet || marking;
  const status = need.referrals.length > 0 ? 'met' : unmet ? 'unmet' : 'open';
  const missing = missingAt(refused, `needs.${index}`);
  const reasonMissing = missing.some((m) => m.path.endsWith('unmetReason'));
  const noteMissing = missing.some((m) => m.path.endsWith('unmetNote'));

  return (
    <article
      className={`ct-need${active ? ' ct-need-active' : ''}${status === 'unmet' ? ' ct-need-unmet' : ''}`}
      aria-label={t('needs.numbered', { n: index + 1 })}
      data-testid={`need-${index}`}
    >
      <div className="ct-row">
        <h3>
          <span className="ct-visually-hidden">{t('needs.numbered', { n: index + 1 })}: </span>
          {name}
        </h3>
        <span className={`ct-tag${status === 'unmet' ? ' ct-tag-warn' : ''}`}>
          {t(`needs.status.${status}`)}
        </span>
        <span className="ct-spacer" />
        <button type="button" className="ct-link" onClick={onRemove}>
          {t('needs.remove')}
        </button>
      </div>

      {need.referrals.length > 0 ? (
        <ul className="ct-referrals" aria-label={t('referral.title')}>
          {need.referrals.map((referral) => (
            <li key={referral.id} className="ct-referral">
              <span className="ct-referral-name">
                {referral.serviceName}
                {referral.locationName ? <span className="ct-hint"> · {referral.locationName}</span> : null}
              </span>
              {referral.servicePhone ? <span className="ct-hint">{referral.servicePhone}</span> : null}
              <span className="ct-spacer" />
              <label className="ct-visually-hidden" htmlFor={`kind-${referral.id}`}>
                {t('referral.kind')}
              </label>
              <select
                id={`kind-${referral.id}`}
                value={referral.kind}
                onChange={(e) =>
                  onChange({
                    ...need,
                    referrals: need.referrals.map((r) =>
                      r.id === referral.id ? { ...r, kind: ReferralKind.parse(e.target.value) } : r,
                    ),
                  })
                }
              >
                {ReferralKind.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`referral.kinds.${kind}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="ct-link"
                aria-label={t('referral.removeNamed', { name: referral.serviceName })}
                onClick={() =>
                  onChange({ ...need, referrals: need.referrals.filter((r) => r.id !== referral.id) })
                }
              >
                {t('referral.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {showUnmet ? (
        <div className="ct-grid-2">
          <div className={`ct-field${reasonMissing ? ' ct-has-error' : ''}`}>
            <label htmlFor={reasonId}>{t('needs.unmetReason')}</label>
            <select
              id={reasonId}
              value={need.unmetReason ?? ''}
              onChange={(e) => {
                const reason = UnmetReason.safeParse(e.target.value);
                if (reason.success) onChange({ ...need, unmetReason: reason.data });
              }}
            >
              {need.unmetReason === null ? <option value="">{t('line.choose')}</option> : null}
              {UnmetReason.options.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`unmetReason.${reason}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={`ct-field${noteMissing ? ' ct-has-error' : ''}`}>
            <label htmlFor={noteId}>{t('needs.unmetNote')}</label>
            <input
              id={noteId}
              value={need.unmetNote ?? ''}
              maxLength={2000}
              onChange={(e) => onChange({ ...need, unmetNote: e.target.value })}
              onBlur={() => void flush()}
            />
            <FieldError>{noteMissing ? t('fields.required') : null}</FieldError>
          </div>
        </div>
      ) : null}
      <FieldError>{reasonMissing && !showUnmet ? t('fields.needOpen') : null}</FieldError>

      <div className="ct-row">
        <button
          type="button"
          className={`button ct-btn-small ${active ? 'button-primary' : 'button-secondary'}`}
          aria-expanded={active}
          onClick={onFindServices}
        >
          {active ? t('needs.closeSearch') : t('needs.findServices')}
        </button>
        {showUnmet ? (
          <button
            type="button"
            className="button button-secondary ct-btn-small"
            onClick={() => {
              setMarking(false);
              onChange({ ...need, unmetReason: null, unmetNote: null });
            }}
          >
            {t('needs.undoUnmet')}
          </button>
        ) : need.referrals.length === 0 ? (
          <button
            type="button"
            className="button button-secondary ct-btn-small"
            onClick={() => setMarking(true)}
          >
            {t('needs.markUnmet')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
