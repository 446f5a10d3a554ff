import { useTranslation } from 'react-i18next';
import type { SaveStatus } from '../hooks/use-autosave';

/** "Saved · 12:03:04" / "Saving…" / "Offline — will retry": always tells the specialist where their words are. */
export function SaveStatusBadge({ status }: { status: SaveStatus }) {
  const { t, i18n } = useTranslation('contacts');
  let text: string;
  let tone: 'ok' | 'busy' | 'warn' | 'error';
  switch (status.kind) {
    case 'saved':
      text = t('save.saved', {
        time: status.at.toLocaleTimeString(i18n.language, { hour12: false }),
      });
      tone = 'ok';
      break;
    case 'idle':
      text = t('save.upToDate');
      tone = 'ok';
      break;
    case 'pending':
    case 'saving':
      text = t('save.saving');
      tone = 'busy';
      break;
    case 'offline':
      text = t('save.offline');
      tone = 'warn';
      break;
    case 'conflict':
      text = t('save.conflict');
      tone = 'error';
      break;
    case 'invalid':
      text = t('save.invalid');
      tone = 'error';
      break;
  }
  return (
    <span className={`ct-save ct-save-${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </span>
  );
}
