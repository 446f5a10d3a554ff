import { WEEKDAYS, type OpeningPeriod, type Weekday, type WeeklyHours } from '@relais/contracts';

const weekdayOfShort: Record<string, Weekday> = {
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
  Sun: 'SU',
};

// Hours are local to the centre (ctx.timeZone); building a formatter is slow, so one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface LocalMoment {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
  /** Minutes since Monday 00:00 local time (what search_documents.open_minutes holds). */
  minuteOfWeek: number;
}

/** The weekday and minute at `at` in the given time zone. */
export function localMoment(at: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = weekdayOfShort[parts.weekday ?? ''] ?? 'MO';
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return { weekday, minute, minuteOfWeek: WEEKDAYS.indexOf(weekday) * 1440 + minute };
}

const toMinutes = (time: string) => {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/** Converts the `hours` JSON of a search document ({MO: [["09:00","17:00"]]}) to WeeklyHours. */
export function weeklyHoursOf(raw: unknown): WeeklyHours {
  const hours: WeeklyHours = {};
  if (!raw || typeof raw !== 'object') return hours;
  for (const day of WEEKDAYS) {
    const periods = (raw as Record<string, unknown>)[day];
    if (!Array.isArray(periods)) continue;
    hours[day] = periods
      .filter((p): p is [string, string] => Array.isArray(p) && p.length === 2)
      .map(([opensAt, closesAt]) => ({ opensAt, closesAt }));
  }
  return hours;
}

const hasHours = (hours: WeeklyHours) => WEEKDAYS.some((d) => (hours[d]?.length ?? 0) > 0);

/** Today's periods; null when the hours are unknown, [] when closed today. */
export function hoursToday(hours: WeeklyHours, at: LocalMoment): OpeningPeriod[] | null {
  if (!hasHours(hours)) return null;
  return hours[at.weekday] ?? [];
}

/** Duration of a period in minutes; closing at or before opening means past midnight. */
const lengthOf = (p: OpeningPeriod) => {
  const d = toMinutes(p.closesAt) - toMinutes(p.opensAt);
  return d > 0 ? d : d + 1440;
};

/** Whether the hours say "open" at this moment; null when the hours are unknown. */
export function isOpenAt(hours: WeeklyHours, at: LocalMoment): boolean | null {
  if (!hasHours(hours)) return null;
  const now = at.minuteOfWeek;
  return WEEKDAYS.some((day, index) =>
    (hours[day] ?? []).some((p) => {
      const start = index * 1440 + toMinutes(p.opensAt);
      const end = start + lengthOf(p);
      // A Sunday-night period can run into Monday morning: test the moment a week later too.
      return (now >= start && now < end) || (now + 10080 >= start && now + 10080 < end);
    }),
  );
}
