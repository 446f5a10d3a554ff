import type { AccountSession } from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/data-table';
import { Alert, ErrorAlert } from '../../../components/feedback';
import { QueryState } from '../../../components/query-state';
import { useFormat } from '../../../lib/format';
import { useEndSession } from '../api/end-session';
import { useMySessions } from '../api/my-sessions';

/** My signed-in sessions (device, address, last use), each of the others with a button to end it. */
export function SessionsPanel() {
  const sessions = useMySessions();
  return <QueryState query={sessions}>{(data) => <Sessions items={data.items} />}</QueryState>;
}

function Sessions({ items }: { items: AccountSession[] }) {
  const { t } = useTranslation('account');
  const format = useFormat();
  const end = useEndSession();
  const others = items.filter((s) => !s.current);
  const device = (s: AccountSession) => s.userAgent ?? t('sessions.unknownDevice');
  const columns: Column<AccountSession>[] = [
    { key: 'device', header: t('sessions.device'), cell: device },
    { key: 'address', header: t('sessions.address'), cell: (s) => s.ip ?? t('sessions.unknownAddress') },
    { key: 'started', header: t('sessions.started'), cell: (s) => format.dateTime(s.createdAt) },
    { key: 'lastSeen', header: t('sessions.lastSeen'), cell: (s) => format.dateTime(s.lastSeenAt) },
    {
      key: 'end',
      header: t('sessions.end'),
      hideHeader: true,
      cell: (s) =>
        s.current ? (
          <span className="badge">{t('sessions.current')}</span>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('sessions.endLabel', { device: device(s) })}
            disabled={end.isPending}
            onClick={() => end.mutate(s.id)}
          >
            {t('sessions.end')}
          </button>
        ),
    },
  ];

  return (
    <div>
      <p className="muted">{t('sessions.intro')}</p>
      {end.error ? <ErrorAlert error={end.error} /> : null}
      {end.data ? <Alert tone="success">{t('sessions.ended', { count: end.data.ended })}</Alert> : null}
      <DataTable columns={columns} rows={items} rowKey={(s) => s.id} className="ac-table" />
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
