/** The time zone a centre runs in when TIME_ZONE is not set. */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
