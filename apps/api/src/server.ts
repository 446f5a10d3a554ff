import { createDb, migrate } from '@relais/db';
import { buildApp } from './app';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './cli/demo';
import { ConfigError, loadConfig } from './config';
import { systemActor } from './lib/context';
import { warmIndex } from './modules/directory/directory.memory';

async function main() {
  const config = loadConfig();
  const database = await createDb({ url: config.databaseUrl });
  await migrate(database);
  const app = await buildApp({ config, database });

  if (config.demo) {
    await seedDemo({ db: database.db, actor: systemActor('demo'), log: app.log, realtime: app.realtime });
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

  await app.listen({ port: config.port, host: config.host });
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
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  );
  process.exit(1);
});
