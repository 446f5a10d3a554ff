import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDate, formatNumber, formatRelative, formatTime, localeTag } from './format';

const moment = new Date(2026, 0, 15, 14, 5);

describe('formatting in the reader’s language', () => {
  it('uses Canadian English and Canadian French', () => {
    expect(localeTag('en')).toBe('en-CA');
    expect(localeTag('fr')).toBe('fr-CA');
    expect(formatDate(moment, 'en')).toBe('Jan 15, 2026');
    expect(formatDate(moment, 'fr')).toBe('15 janv. 2026');
    expect(formatTime(moment, 'en')).toMatch(/^2:05\sp\.m\.$/);
    expect(formatTime(moment, 'fr')).toMatch(/^14\sh\s05$/);
    expect(formatNumber(12345.5, 'fr')).toMatch(/^12\s345,5$/);
  });

  it('says how long ago, in words', () => {
    const now = moment.getTime();
    expect(formatRelative(now - 3 * 60_000, 'en', now)).toBe('3 minutes ago');
    expect(formatRelative(now + 2 * 3600_000, 'fr', now)).toBe('dans 2 heures');
    expect(formatRelative(now - 24 * 3600_000, 'en', now)).toBe('yesterday');
  });

  it('counts down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(90)).toBe('1:30');
    expect(formatCountdown(5.2)).toBe('0:06');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
