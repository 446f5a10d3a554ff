import { ConfigError, type Config } from './config';

interface SystemError extends Error {
  code?: string;
  port?: number;
  address?: string;
}

/** The PostgreSQL server and database named by a URL, without its password. */
function serverOf(databaseUrl: string) {
  try {
    const url = new URL(databaseUrl);
    return { at: `${url.hostname}:${url.port || '5432'}`, database: url.pathname.slice(1) || url.username };
  } catch {
    return { at: 'the server in DATABASE_URL', database: '' };
  }
}

/**
 * What a person should read when the server or a CLI command cannot start: the problems a newcomer meets
 * (port in use, PostgreSQL unreachable, a missing database, bad configuration) in plain words with the way
 * out; undefined for anything else. README "Troubleshooting" quotes these messages.
 */
export function startupMessage(
  err: unknown,
  config?: Pick<Config, 'port' | 'host' | 'databaseUrl'>,
): string | undefined {
  if (err instanceof ConfigError) return err.message;
  const e = err as SystemError;
  const code = e.code ?? '';
  if (code === 'EADDRINUSE') {
    const port = e.port ?? config?.port;
    return (
      `Port ${port} on ${e.address ?? config?.host} is already in use (another Relais, or another program, is ` +
      `listening there). Stop it, or choose another port with PORT, for instance PORT=${Number(port) + 1} pnpm demo`
    );
  }
  const isServer = config?.databaseUrl.startsWith('postgres');
  if (
    isServer &&
    config &&
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)
  ) {
    return (
      `Cannot reach the PostgreSQL server at ${serverOf(config.databaseUrl).at} (${code}). Is it running, and ` +
      'is DATABASE_URL right? Leave DATABASE_URL unset to use embedded PGlite instead.'
    );
  }
  if (isServer && config && code === '3D000') {
    const { database } = serverOf(config.databaseUrl);
    return `The database "${database}" does not exist on the PostgreSQL server. Create it first: createdb ${database}`;
  }
  if (isServer && config && (code === '28P01' || code === '28000')) {
    return `The PostgreSQL server refused the user in DATABASE_URL (${e.message}). Check the user name and password.`;
  }
  return undefined;
}
