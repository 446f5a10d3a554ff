import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { hasAnyRole, useCurrentStaff } from '../../../lib/session';
import { addSafetyNote, phoneDigits, retireSafetyNote, useCallerLookup } from '../api/caller-lookup';
import { useDebounced } from '../hooks/use-debounced';
import { useWorkspace } from './workspace-context';

/** Typing a number shows its earlier contacts and safety notes, so a repeat caller is known at once. */
export function RepeatCaller({ phone }: { phone: string }) {
  const { t } = useTranslation('contacts');
  const format = useFormat();
  const { contact } = useWorkspace();
  const debounced = useDebounced(phone, 500);
  const lookup = useCallerLookup(debounced, contact.id);
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [retiring, setRetiring] = useState<string | null>(null);
  const canRetire = hasAnyRole(useCurrentStaff().staff.roles, ['supervisor']);

  if (phoneDigits(debounced).length < 7) return null;
  if (lookup.isPending) return <p className="ct-hint">{t('repeat.searching')}</p>;
  if (lookup.isError) {
    if (isApiError(lookup.error) && lookup.error.status === 403)
      return <p className="ct-hint">{t('repeat.hidden')}</p>;
    return null;
  }
  const history = lookup.data;

  const saveNote = async () => {
    if (!note.trim()) return;
    setSaving(true);
    try {
      await addSafetyNote({ phone: debounced, note: note.trim() });
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
                <span className="ct-hint">{c.needs.map((n) => n.categoryId).join(', ')}</span>
                <Link to={`/contacts/${c.id}`} target="_blank" rel="noreferrer">
                  {t('repeat.open')}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
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
    </div>
  );
}
