import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  HSDS_PUBLIC: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default(resolve(repoRoot, 'apps/web/dist')),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  DIRECTORY_SEARCH: z.enum(['memory', 'sql']).default('memory'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl?: string;
  demo: boolean;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  hsdsPublic: boolean;
  logLevel: string;
  webDist: string;
  shutdownTimeoutMs: number;
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  /** memory: an in-memory index per API process answers searches (directory.memory.ts); sql: PostgreSQL does. */
  directorySearch: 'memory' | 'sql';
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
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    hsdsPublic: e.HSDS_PUBLIC,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    directorySearch: e.DIRECTORY_SEARCH,
  };
}

/** Config for tests: defaults with overrides, no environment involved. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', databaseUrl: 'memory://', ...overrides };
}
