import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('TIME_ZONE', () => {
  it('defaults to the time zone of the centre the project started with', () => {
    expect(loadConfig({}).timeZone).toBe('America/Toronto');
  });

  it('takes any IANA time zone', () => {
    expect(loadConfig({ TIME_ZONE: 'America/Vancouver' }).timeZone).toBe('America/Vancouver');
  });

  it('refuses a name the runtime does not know, saying which variable and what it got', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Eastern' })).toThrow(ConfigError);
    expect(() => loadConfig({ TIME_ZONE: 'Eastern' })).toThrow(
      /TIME_ZONE: an IANA time zone .* not "Eastern"/,
    );
  });
});
