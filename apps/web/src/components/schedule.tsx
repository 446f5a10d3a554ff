import { WEEKDAYS, type OpeningPeriod, type WeeklyHours as Hours } from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalize, type Locale } from '../lib/localize';
import './schedule.css';

/** "9:00–17:00, 18:00–20:00" in the reader's convention ("9 h 00–17 h 00" in French). */
export function formatPeriods(periods: OpeningPeriod[], locale: Locale): string {
  const time = (t: string) => {
    const [h = '0', m = '00'] = t.split(':');
    return locale === 'fr' ? `${Number(h)} h ${m}` : `${Number(h)}:${m}`;
  };
  return periods
    .map((p) =>
      p.opensAt === '00:00' && p.closesAt === '00:00' ? '24 h' : `${time(p.opensAt)}–${time(p.closesAt)}`,
    )
    .join(', ');
}

/** Open or closed now, and today's hours (unknown when the record has none). */
export function HoursToday({
  hoursToday,
  openNow,
}: {
  hoursToday: OpeningPeriod[] | null;
  openNow: boolean | null;
}) {
  const { t } = useTranslation('directory');
  const { locale } = useLocalize();
  if (hoursToday === null) return <span className="muted">{t('hours.unknown')}</span>;
  if (hoursToday.length === 0) return <span>{t('hours.closedToday')}</span>;
  return (
    <span>
      {openNow ? (
        <strong className="hours-open">{t('hours.openNow')}</strong>
      ) : (
        <span className="hours-closed">{t('hours.closedNow')}</span>
      )}{' '}
      {t('hours.today', { hours: formatPeriods(hoursToday, locale) })}
    </span>
  );
}

/** The week, one row a day; nothing when no day has hours. */
export function WeeklyHours({ hours }: { hours: Hours }) {
  const { t } = useTranslation('directory');
  const { locale } = useLocalize();
  if (!WEEKDAYS.some((d) => (hours[d]?.length ?? 0) > 0)) return null;
  return (
    <table className="weekly-hours">
      <caption className="visually-hidden">{t('detail.hoursCaption')}</caption>
      <tbody>
        {WEEKDAYS.map((d) => (
          <tr key={d}>
            <th scope="row">{t(`days.${d}`)}</th>
            <td>{hours[d]?.length ? formatPeriods(hours[d] ?? [], locale) : t('hours.closed')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
