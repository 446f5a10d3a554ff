import type { Contact } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { hasAnyRole, useCurrentStaff } from '../../../lib/session';
import {
  addSafetyNote,
  isNotSavedYet,
  phoneDigits,
  retireSafetyNote,
  useCallerLookup,
} from '../api/caller-lookup';
import { useDebounced } from '../../../lib/use-debounced';
import { useTaxonomyIndex } from '../hooks/use-taxonomy-index';
import { termPath } from '../model/taxonomy';

/**
 * The caller's earlier contacts and safety notes, so a repeat caller is known at once. The API looks up the
 * number saved on this contact only: a specialist sees it while handling their own draft (as soon as the number
 * typed is saved); a supervisor on someone else's contact (its record) first states why, and that reason is
 * recorded. `phone` is the number typed in the workspace (empty when the one on file is kept).
 */
export function RepeatCaller({ contact, phone }: { contact: Contact; phone: string }) {
  const me = useCurrentStaff();
  const debounced = useDebounced(phone, 500);
  const typed = phoneDigits(debounced);
  const handling = contact.status === 'draft' && contact.specialist?.id === me.staff.id;
  const supervisor = hasAnyRole(me.staff.roles, ['supervisor']);
  const [reason, setReason] = useState<string | null>(null);

  if (!contact.caller.hasPhone && typed.length === 0) return null;
  if (typed.length > 0 && typed.length < 7) return null;
  if (!handling && !supervisor) return null;
  if (!handling && reason === null) return <LookupReason onSubmit={setReason} />;
  return (
    <CallerHistoryPanel
      contactId={contact.id}
      phone={typed.length > 0 ? debounced : undefined}
      savedPhone={contact.caller.phoneMasked}
      reason={handling ? undefined : (reason ?? undefined)}
      canRetire={supervisor}
    />
  );
}

/** A supervisor says why before seeing a caller's history from a contact they are not handling. */
function LookupReason({ onSubmit }: { onSubmit: (reason: string) => void }) {
  const { t } = useTranslation('contacts');
  const [text, setText] = useState('');
  const ready = text.trim().length >= 5;
  return (
    <form
      className="ct-field ct-repeat"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onSubmit(text.trim());
      }}
    >
      <label htmlFor="ct-lookup-reason">{t('repeat.reasonLabel')}</label>
      <input
        id="ct-lookup-reason"
        value={text}
        maxLength={500}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      <p className="ct-hint">{t('repeat.reasonHint')}</p>
      <div className="ct-row">
        <button type="submit" className="button button-secondary ct-btn-small" disabled={!ready}>
          {t('repeat.lookUp')}
        </button>
      </div>
    </form>
  );
}

function CallerHistoryPanel({
  contactId,
  phone,
  savedPhone,
  reason,
  canRetire,
}: {
  contactId: string;
  phone: string | undefined;
  savedPhone: string | null;
  reason: string | undefined;
  canRetire: boolean;
}) {
  const { t, i18n } = useTranslation('contacts');
  const format = useFormat();
  const lookup = useCallerLookup({ contactId, phone, reason }, savedPhone, true);
  const { taxonomy } = useTaxonomyIndex();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [retiring, setRetiring] = useState<string | null>(null);

  if (lookup.isPending || (lookup.isError && isNotSavedYet(lookup.error) && lookup.isFetching))
    return <p className="ct-hint">{t('repeat.searching')}</p>;
  if (lookup.isError) {
    const error = lookup.error;
    if (isApiError(error) && error.status === 403) return <p className="ct-hint">{t('repeat.hidden')}</p>;
    if (isApiError(error) && error.status === 429) {
      const seconds = Number(error.details.retryAfterSeconds);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
      return (
        <p className="ct-hint" role="status">
          {minutes ? t('repeat.rateLimited', { count: minutes }) : t('repeat.rateLimitedLater')}
        </p>
      );
    }
    if (isNotSavedYet(error)) return <p className="ct-hint">{t('repeat.notSaved')}</p>;
    return null;
  }
  const history = lookup.data;

  const saveNote = async () => {
    if (!note.trim() || !phone) return;
    setSaving(true);
    try {
      await addSafetyNote({ phone, note: note.trim() });
      setNote('');
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['contacts', 'caller-lookup'] });
    } finally {
      setSaving(false);
    }
  };

  const retire = async (id: string) => {
    setRetiring(id);
    try {
      await retireSafetyNote(id);
      await queryClient.invalidateQueries({ queryKey: ['contacts', 'caller-lookup'] });
    } finally {
      setRetiring(null);
    }
  };

  return (
    <div className="ct-stack ct-repeat" aria-live="polite">
      {history.safetyNotes.length > 0 ? (
        <div className="ct-stack">
          <h3>{t('repeat.safetyNotes')}</h3>
          {history.safetyNotes.map((n) => (
            <p key={n.id} className="ct-safety">
              {n.note}{' '}
              <span className="ct-hint">
                {format.date(n.createdAt)}
                {n.createdBy ? ` · ${t('repeat.by', { name: n.createdBy.name })}` : ''}
              </span>{' '}
              {canRetire ? (
                <button
                  type="button"
                  className="button button-secondary ct-btn-small"
                  disabled={retiring !== null}
                  onClick={() => void retire(n.id)}
                >
                  {t('repeat.retireNote')}
                </button>
              ) : null}
            </p>
          ))}
        </div>
      ) : null}
      {history.contacts.length === 0 ? (
        <p className="ct-hint">{t('repeat.none')}</p>
      ) : (
        <details open>
          <summary>
            <strong>{t('repeat.count', { count: history.contacts.length })}</strong>
          </summary>
          <ul className="ct-referrals">
            {history.contacts.slice(0, 10).map((c) => (
              <li key={c.id} className="ct-referral">
                <span>{format.dateTime(c.startedAt)}</span>
                {c.crisisFlags.length > 0 ? (
                  <span className="ct-crisis-badge">{t('crisis.badge')}</span>
                ) : null}
                {c.disposition ? <span className="ct-tag">{t(`disposition.${c.disposition}`)}</span> : null}
                <span className="ct-hint">
                  {c.needs.map((n) => termPath(taxonomy, n.categoryId, i18n.language)).join(', ')}
                </span>
                <Link to={`/contacts/${c.id}`} target="_blank" rel="noreferrer">
                  {t('repeat.open')}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
      {/* A note is written against the number typed here (the one on file is never sent to the console). */}
      {phone ? (
        <details>
          <summary>{t('repeat.addNote')}</summary>
          <div className="ct-field">
            <textarea
              aria-label={t('repeat.addNote')}
              placeholder={t('repeat.notePlaceholder')}
              value={note}
              maxLength={4000}
              onChange={(e) => {
                setNote(e.target.value);
                setSaved(false);
              }}
            />
            <div className="ct-row">
              <button
                type="button"
                className="button button-secondary ct-btn-small"
                disabled={saving || !note.trim()}
                onClick={() => void saveNote()}
              >
                {t('repeat.saveNote')}
              </button>
              {saved ? <span role="status">{t('repeat.noteSaved')}</span> : null}
            </div>
          </div>
        </details>
      ) : null}
    </div>
  );
}
