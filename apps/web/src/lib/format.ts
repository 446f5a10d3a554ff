import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from './localize';

/** Dates and times in the reader's language, Canadian conventions (en-CA / fr-CA). */
export const localeTag = (language: string) => (localeOf(language) === 'fr' ? 'fr-CA' : 'en-CA');

type DateInput = Date | string | number;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

export function formatDate(value: DateInput, language: string) {
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'medium' }).format(toDate(value));
}

export function formatTime(value: DateInput, language: string) {
  return new Intl.DateTimeFormat(localeTag(language), { timeStyle: 'short' }).format(toDate(value));
}

export function formatDateTime(value: DateInput, language: string) {
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    toDate(value),
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "dans 2 heures". */
export function formatRelative(value: DateInput, language: string, now: number = Date.now()) {
  const seconds = Math.round((toDate(value).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(localeTag(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** "1:05" for a countdown. */
export function formatCountdown(totalSeconds: number) {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatNumber(value: number, language: string) {
  return new Intl.NumberFormat(localeTag(language)).format(value);
}

/** The helpers above bound to the current language; re-renders when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      date: (v: DateInput) => formatDate(v, language),
      time: (v: DateInput) => formatTime(v, language),
      dateTime: (v: DateInput) => formatDateTime(v, language),
      relative: (v: DateInput) => formatRelative(v, language),
      number: (v: number) => formatNumber(v, language),
    }),
    [language],
  );
}
