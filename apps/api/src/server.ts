import './node-version';
import { createDb } from '@relais/db';
import { buildApp } from './app';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './cli/demo';
import { loadConfig, type Config } from './config';
import { warmIndex } from './modules/search/index';
import { FIRST_ADMIN_COMMAND, prepareDatabase } from './prepare-database';
import { startupMessage } from './startup-errors';

/** Kept for the error message if start-up fails. */
let startupConfig: Config | undefined;

async function main() {
  const config = loadConfig();
  startupConfig = config;
  const database = await createDb({
    url: config.databaseUrl,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  const prepared = await prepareDatabase(database);
  const app = await buildApp({ config, database });

  if (config.demo) {
    await seedDemo(app.systemContext('demo'));
  } else if (!prepared.hasAdmin) {
    app.log.warn(`No admin account yet. Create the first one: ${FIRST_ADMIN_COMMAND}`);
  }
  if (!config.demo && !config.auditHmacKey) {
    // A phone number has few enough digits that a key kept beside its hashes (a backup) reverses them.
    app.log.warn(
      'AUDIT_HMAC_KEY is not set: the key that hashes caller numbers in the audit is kept in the database. ' +
        'Set AUDIT_HMAC_KEY (32+ characters, e.g. `openssl rand -hex 32`) to keep it out of backups.',
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  if (config.directorySearch === 'memory') {
    // Read the directory into the search index now rather than on the first specialist's search.
    warmIndex(database.db).catch((err: Error) => app.log.warn({ err }, 'search index not built'));
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  const lines = [
    '',
    `  Relais is running at ${url}`,
    `  Database: ${database.engine === 'pglite' ? `embedded PGlite (${config.databaseUrl})` : 'PostgreSQL server'}`,
  ];
  if (config.demo) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.roles.join(', ').padEnd(12)} ${a.email}`);
  } else if (!prepared.hasAdmin) {
    lines.push(
      '',
      '  No admin account yet. Create the first one (same DATABASE_URL):',
      `    ${FIRST_ADMIN_COMMAND}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${startupMessage(err, startupConfig) ?? (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
