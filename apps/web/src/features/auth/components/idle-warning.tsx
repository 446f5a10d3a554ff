import type { Me } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../../components/modal';
import { apiSession } from '../../../lib/api';
import { formatCountdown } from '../../../lib/format';
import { endSession } from '../../../lib/session';
import { logout } from '../api/logout';
import { useRefreshSession } from '../api/me';

export const WARN_BEFORE_MS = 2 * 60_000;
/** The server only slides a session every 15 s of activity: count a request as that much older. */
const SLIDE_GRANULARITY_MS = 15_000;

/** When this browser expects the session to end through inactivity, in local time. */
function idleExpiry(me: Me): number {
  const fromServer = Date.parse(me.expiresAt) - apiSession.clockOffsetMs();
  const lastActivity = apiSession.lastActivityAt();
  const fromActivity = lastActivity
    ? lastActivity + me.idleTimeoutMinutes * 60_000 - SLIDE_GRANULARITY_MS
    : 0;
  return Math.max(fromServer, fromActivity);
}

/** When the session reaches its absolute lifetime, in local time: no activity moves it. */
const absoluteExpiry = (me: Me) => Date.parse(me.absoluteExpiresAt) - apiSession.clockOffsetMs();

/** When this browser expects the session to end, in local time. */
export function expectedExpiry(me: Me): number {
  return Math.min(idleExpiry(me), absoluteExpiry(me));
}

/**
 * Two minutes before an idle session ends, a dialog counts down and offers to stay signed in. At zero the
 * console forgets the session and shows the login screen with a message.
 */
export function IdleWarning({ me }: { me: Me }) {
  const { t } = useTranslation(['common', 'auth']);
  const queryClient = useQueryClient();
  const refresh = useRefreshSession();
  const [now, setNow] = useState(() => Date.now());
  const [staying, setStaying] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  const remaining = expectedExpiry(me) - now;
  // Staying signed in cannot push back the absolute end: the dialog then only says so.
  const atLimit = absoluteExpiry(me) <= idleExpiry(me);
  const open = remaining <= WARN_BEFORE_MS;
  const ended = remaining <= 0;

  useEffect(() => {
    if (!ended) return;
    const token = me.csrfToken;
    endSession(queryClient, atLimit ? 'expired' : 'idle');
    // Close it on the server too, in case other activity kept it alive there.
    logout(token).catch(() => undefined);
  }, [ended, atLimit, me.csrfToken, queryClient]);

  if (!open || ended) return null;

  const stay = async () => {
    setStaying(true);
    try {
      await refresh();
    } finally {
      setStaying(false);
    }
  };

  return (
    <Modal
      alert
      title={atLimit ? t('auth:idle.limitTitle') : t('idle.title')}
      description={
        <p>{atLimit ? t('auth:idle.limitBody') : t('idle.body', { minutes: me.idleTimeoutMinutes })}</p>
      }
      onEscape={() => void stay()}
      initialFocus={atLimit ? undefined : stayRef}
      actions={
        <>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              endSession(queryClient, 'logout');
              logout(me.csrfToken).catch(() => undefined);
            }}
          >
            {t('idle.signOut')}
          </button>
          {atLimit ? null : (
            <button
              ref={stayRef}
              type="button"
              className="button button-primary"
              disabled={staying}
              onClick={() => void stay()}
            >
              {t('idle.stay')}
            </button>
          )}
        </>
      }
    >
      <p className="countdown">{t('idle.countdown', { time: formatCountdown(remaining / 1000) })}</p>
    </Modal>
  );
}
