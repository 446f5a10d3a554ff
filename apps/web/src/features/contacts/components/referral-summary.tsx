import { Locale } from '@relais/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getReferralSummary } from '../api/referral-summary';
import { useWorkspace } from './workspace-context';
import { localeOf } from '../../../lib/localize';

/** The caller's language when it is English or French, else the specialist's. */
function defaultLanguage(callerLanguage: string | null, uiLanguage: string): Locale {
  if (callerLanguage === 'fr' || callerLanguage === 'en') return callerLanguage;
  return localeOf(uiLanguage);
}

/** A clean text of the referrals (written by the API) to copy, or send by text or email. */
export function ReferralSummaryPanel() {
  const { t, i18n } = useTranslation('contacts');
  const { contact, draft, flush } = useWorkspace();
  const [language, setLanguage] = useState<Locale | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'copied' | 'copyFailed' | 'error'>('idle');
  const lang = language ?? defaultLanguage(draft.caller.language, i18n.language);
  const count = draft.needs.reduce((n, need) => n + need.referrals.length, 0);
  if (count === 0) return null;

  const load = async (next: Locale = lang) => {
    setState('loading');
    try {
      // The summary is made from the saved contact: save first so it holds the latest referral.
      await flush();
      const summary = await getReferralSummary(contact.id, next);
      setText(summary.text);
      setState('idle');
      return summary.text;
    } catch {
      setState('error');
      return null;
    }
  };

  const copy = async () => {
    const value = text ?? (await load());
    if (value === null) return;
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('copyFailed');
    }
  };

  const encoded = text ? encodeURIComponent(text) : '';
  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-summary-title">
      <div className="ct-row">
        <h2 id="ct-summary-title">{t('summary.title')}</h2>
        <span className="ct-spacer" />
        <div className="ct-pills" role="group" aria-label={t('summary.language')}>
          {Locale.options.map((option) => (
            <button
              key={option}
              type="button"
              className={`ct-pill${lang === option ? ' ct-pill-on' : ''}`}
              aria-pressed={lang === option}
              onClick={() => {
                setLanguage(option);
                if (text !== null) void load(option);
              }}
            >
              {option === 'fr' ? 'Français' : 'English'}
            </button>
          ))}
        </div>
      </div>
      <div className="ct-row">
        <button type="button" className="button button-secondary ct-btn-small" onClick={() => void load()}>
          {t('summary.show')}
        </button>
        <button type="button" className="button button-primary ct-btn-small" onClick={() => void copy()}>
          {t('summary.copy')}
        </button>
        {text ? (
          <>
            <a className="button button-secondary ct-btn-small" href={`sms:?&body=${encoded}`}>
              {t('summary.sms')}
            </a>
            <a className="button button-secondary ct-btn-small" href={`mailto:?body=${encoded}`}>
              {t('summary.email')}
            </a>
          </>
        ) : null}
        <span role="status" className="ct-hint">
          {state === 'copied'
            ? t('summary.copied')
            : state === 'copyFailed'
              ? t('summary.copyFailed')
              : state === 'error'
                ? t('summary.error')
                : state === 'loading'
                  ? t('loading')
                  : ''}
        </span>
      </div>
      {text ? (
        <pre className="ct-summary" lang={lang} data-testid="referral-summary">
          {text}
        </pre>
      ) : null}
    </section>
  );
}
