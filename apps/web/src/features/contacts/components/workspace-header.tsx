import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { formatDuration, useElapsed } from '../hooks/use-elapsed';
import type { SaveStatus } from '../hooks/use-autosave';
import { SaveStatusBadge } from './save-status';
import { useWorkspace } from './workspace-context';
import { useLocalize } from '../../../lib/localize';

/** Always in view: what contact this is, how long it has run, whether it is saved, and whether it is a crisis. */
export function WorkspaceHeader({ status }: { status: SaveStatus }) {
  const { t } = useTranslation('contacts');
  const format = useFormat();
  const { contact, draft, line } = useWorkspace();
  const elapsed = useElapsed(contact.startedAt, contact.endedAt);
  const crisis = draft.crisisFlags.length > 0;
  const { pick } = useLocalize();
  const lineName = line ? pick(line, 'name') : t('line.unknown', { id: draft.lineId });

  return (
    <header className={`ct-header${crisis ? ' ct-header-crisis' : ''}`}>
      <div>
        <h1 tabIndex={-1} data-page-title>
          {t('workspace.title')} · {t(`channel.${draft.channel}`)} · {lineName}
        </h1>
        <span className="ct-hint">{t('workspace.startedAt', { time: format.time(contact.startedAt) })}</span>
      </div>
      <span className="ct-timer" role="timer" aria-label={t('workspace.elapsed')} data-testid="contact-timer">
        {formatDuration(elapsed)}
      </span>
      {crisis ? <span className="ct-crisis-badge">{t('crisis.badge')}</span> : null}
      <span className="ct-spacer" />
      <SaveStatusBadge status={status} />
      <a className="button button-secondary ct-btn-small" href="#ct-wrap-up">
        {t('workspace.wrapUp')}
      </a>
    </header>
  );
}
