import { useTranslation } from 'react-i18next';
import type { SaveStatus } from '../hooks/use-autosave';

type Tone = 'ok' | 'busy' | 'warn' | 'error';

/** What each state says (contacts:save.*) and its colour. */
const SHOWN: Record<SaveStatus['kind'], [key: string, tone: Tone]> = {
  saved: ['save.saved', 'ok'],
  idle: ['save.upToDate', 'ok'],
  pending: ['save.saving', 'busy'],
  saving: ['save.saving', 'busy'],
  offline: ['save.offline', 'warn'],
  conflict: ['save.conflict', 'error'],
  invalid: ['save.invalid', 'error'],
};

/** "Saved · 12:03:04" / "Saving…" / "Offline — will retry": always tells the specialist where their words are. */
export function SaveStatusBadge({ status }: { status: SaveStatus }) {
  const { t, i18n } = useTranslation('contacts');
  const [key, tone] = SHOWN[status.kind];
  const time = status.kind === 'saved' ? status.at.toLocaleTimeString(i18n.language, { hour12: false }) : '';
  return (
    <span className={`ct-save ct-save-${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {t(key, { time })}
    </span>
  );
}
