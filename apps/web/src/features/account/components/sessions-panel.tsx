import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useEndSession } from '../api/end-session';
import { useMySessions } from '../api/my-sessions';

/** My signed-in sessions (device, address, last use), each of the others with a button to end it. */
export function SessionsPanel() {
  const { t } = useTranslation('account');
  const format = useFormat();
  const sessions = useMySessions();
  const end = useEndSession();

  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const items = sessions.data.items;
  const others = items.filter((s) => !s.current);

  return (
    <div>
      <p className="muted">{t('sessions.intro')}</p>
      {end.error ? <ErrorAlert error={end.error} /> : null}
      {end.data ? <Alert tone="success">{t('sessions.ended', { count: end.data.ended })}</Alert> : null}
      <table className="ac-table">
        <thead>
          <tr>
            <th scope="col">{t('sessions.device')}</th>
            <th scope="col">{t('sessions.address')}</th>
            <th scope="col">{t('sessions.started')}</th>
            <th scope="col">{t('sessions.lastSeen')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('sessions.end')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => {
            const device = s.userAgent ?? t('sessions.unknownDevice');
            return (
              <tr key={s.id}>
                <td>{device}</td>
                <td>{s.ip ?? t('sessions.unknownAddress')}</td>
                <td>{format.dateTime(s.createdAt)}</td>
                <td>{format.dateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <span className="badge">{t('sessions.current')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('sessions.endLabel', { device })}
                      disabled={end.isPending}
                      onClick={() => end.mutate(s.id)}
                    >
                      {t('sessions.end')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {others.length > 0 ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={end.isPending}
          onClick={() => end.mutate('others')}
        >
          {t('sessions.endOthers')}
        </button>
      ) : (
        <p>{t('sessions.none')}</p>
      )}
    </div>
  );
}
