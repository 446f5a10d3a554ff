import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasAnyRole, useCurrentStaff } from '../../../lib/session';
import { useSocketEvent } from '../../../lib/socket';
import { useLines } from '../api/lines';
import { useCrisisAlerts } from '../hooks/use-crisis-alerts';
import { useLocalize } from '../../../lib/localize';

/**
 * Supervisors see a crisis the moment a specialist saves it: a red card that stays until dismissed (or opened),
 * and that a lost notification cannot drop: the open crises come from the database (useCrisisAlerts).
 * The shell mounts it on every screen for supervisors (featureOverlays in ../routes.tsx).
 */
export default function CrisisAlerts() {
  const me = useCurrentStaff();
  if (!hasAnyRole(me.staff.roles, ['supervisor'])) return null;
  return <SupervisorAlerts />;
}

function SupervisorAlerts() {
  const { t } = useTranslation('contacts');
  const queryClient = useQueryClient();
  const lines = useLines();
  const { alerts, more, dismiss } = useCrisisAlerts();
  const { pick } = useLocalize();
  useSocketEvent(
    'contact.changed',
    () => void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] }),
  );

  if (alerts.length === 0) return null;
  const lineName = (id: string) => {
    const line = lines.data?.find((l) => l.id === id);
    return line ? pick(line, 'name') : id;
  };

  return (
    <section className="ct-alerts ct-page" aria-label={t('alert.region')}>
      {alerts.map((alert) => (
        <div key={alert.contactId} className="ct-alert" role="alert" data-testid="crisis-alert">
          <strong>{t('alert.title')}</strong>
          <span>
            {t('alert.body', {
              flags: alert.flags.map((f) => t(`crisis.flags.${f}`)).join(', '),
              channel: t(`channel.${alert.channel}`),
              line: lineName(alert.lineId),
            })}
          </span>
          <div className="ct-row">
            <Link to={`/contacts/${alert.contactId}`} onClick={() => dismiss(alert.contactId)}>
              {t('alert.open')}
            </Link>
            <span className="ct-spacer" />
            <button type="button" className="button ct-btn-small" onClick={() => dismiss(alert.contactId)}>
              {t('alert.dismiss')}
            </button>
          </div>
        </div>
      ))}
      {more > 0 ? (
        <p className="ct-hint">
          <Link to="/contacts?crisis=true">{t('alert.more', { count: more })}</Link>
        </p>
      ) : null}
    </section>
  );
}
