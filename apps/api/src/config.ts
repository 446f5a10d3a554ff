import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@relais/contracts';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from './lib/time';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** An IPv4 or IPv6 address, optionally with a /prefix, or one of proxy-addr's names for a range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list (empty, or 'false', for none) whose every item `accepts`; `hint` says what to give. */
const commaList = (accepts: (item: string) => boolean, hint: string, normalize = (item: string) => item) =>
  z
    .string()
    .default('')
    .transform((v, ctx) => {
      const list = v
        .split(',')
        .map((item) => normalize(item.trim()))
        .filter((item) => item && item !== 'false');
      const bad = list.filter((item) => !accepts(item));
      if (bad.length)
        ctx.addIssue({ code: 'custom', message: `${hint}, not ${bad.map((b) => `"${b}"`).join(', ')}` });
      return list;
    });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default(resolve(repoRoot, '.data/pglite')),
  REDIS_URL: z.string().url().optional(),
  RELAIS_DEMO: bool.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  TOTP_REQUIRED_ROLES: commaList(
    (r) => ROLES.includes(r as Role),
    `give roles from ${ROLES.join(', ')}, comma-separated (e.g. admin,supervisor)`,
  ).transform((list) => list as Role[]),
  CONSOLE_ORIGIN: commaList(
    (o) => /^https?:\/\/[^/\s]+$/.test(o),
    "give the console's origins, comma-separated, like https://relais.example.org (scheme and host, no path)",
    (o) => o.replace(/\/+$/, ''),
  ),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: commaList(
    isProxyAddress,
    "give the reverse proxy's addresses or CIDRs, comma-separated (e.g. 127.0.0.1,10.0.0.0/8, or loopback); " +
      'trusting any X-Forwarded-For would let a client choose its address',
  ),
  HSDS_PUBLIC: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default(resolve(repoRoot, 'apps/web/dist')),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  DIRECTORY_SEARCH: z.enum(['memory', 'sql']).default('memory'),
  // Unset or empty: retention is off. At least 30 days, so a typo cannot strip last week's contacts.
  RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const days = Number(v);
      if (!Number.isInteger(days) || days < 30 || days > 36_500)
        ctx.addIssue({
          code: 'custom',
          message: `a whole number of days from 30 to 36500 (leave it unset to keep contacts as they are), not "${v}"`,
        });
      return days;
    }),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  CALLER_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .superRefine((v, ctx) => {
      if (!isTimeZone(v))
        ctx.addIssue({ code: 'custom', message: `an IANA time zone such as America/Toronto, not "${v}"` });
    }),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl?: string;
  demo: boolean;
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, whatever the activity. */
  sessionMaxHours: number;
  /** Roles that must set up two-step verification (TOTP) before anything else; empty: optional for all. */
  totpRequiredRoles: Role[];
  /** Origins allowed to open the live connection besides the API's own host (e.g. a separate console host). */
  consoleOrigins: string[];
  cookieSecure: boolean;
  /** Addresses or CIDRs of the reverse proxies whose X-Forwarded-* headers are believed; empty: none. */
  trustProxy: string[];
  hsdsPublic: boolean;
  logLevel: string;
  webDist: string;
  shutdownTimeoutMs: number;
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  /** memory: an in-memory index per API process answers the directory search and the HSDS lists (modules/search); sql: PostgreSQL does. */
  directorySearch: 'memory' | 'sql';
  /** Personal fields of contacts closed longer ago than this are removed (modules/retention); undefined: off. */
  retentionDays?: number;
  /** The API's longest statement on a PostgreSQL server (0: no limit); CLI jobs and migrations have none. */
  databaseStatementTimeoutMs: number;
  /** Key of the HMAC that audits caller numbers; unset: generated once and kept in the database. */
  auditHmacKey?: string;
  /** Repeat-caller lookups allowed per staff member in any hour. */
  callerLookupsPerHour: number;
  /** The centre's time zone: local days in searches and reports, dates on referral summaries. */
  timeZone: string;
}

export class ConfigError extends Error {}

/** The only reader of process.env. Fails fast, naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    demo: e.RELAIS_DEMO,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    totpRequiredRoles: e.TOTP_REQUIRED_ROLES,
    consoleOrigins: e.CONSOLE_ORIGIN,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    hsdsPublic: e.HSDS_PUBLIC,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    directorySearch: e.DIRECTORY_SEARCH,
    retentionDays: e.RETENTION_DAYS,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    auditHmacKey: e.AUDIT_HMAC_KEY,
    callerLookupsPerHour: e.CALLER_LOOKUPS_PER_HOUR,
    timeZone: e.TIME_ZONE,
  };
}

/** Config for tests: defaults with overrides, no environment involved. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', databaseUrl: 'memory://', ...overrides };
}
