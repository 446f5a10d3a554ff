/**
 * Ontario-scale directory seeding benchmark: 30,872 organizations, 42,021 locations, 59,880 services.
 *
 *   pnpm exec tsx bench/seed-directory.ts [--engine postgres|pglite] [--scale ontario|demo] [--seed 211]
 *
 * Seeds into a fresh database (a new database on BENCH_DATABASE_URL's server, default
 * postgres://root@127.0.0.1:5432/postgres, or a temporary PGlite folder) and drops it afterwards.
 * Target: under 3 minutes on the PostgreSQL server.
 */
import { cpus, loadavg } from 'node:os';
import { seedDirectory } from '../apps/api/src/modules/directory/directory.seed';
import { SCALES } from '../apps/api/src/modules/directory/seed/generator';
import { freshDirectoryDatabase } from './directory-bench-db';
import { arg, runMain } from './lib';

async function main() {
  const engine = arg('engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
  const scaleName = arg('scale', 'ontario');
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${scaleName}`);
  const seed = Number(arg('seed', '211'));
  const db = await freshDirectoryDatabase(engine);
  try {
    const load = loadavg()[0]?.toFixed(2);
    const started = Date.now();
    const result = await seedDirectory(db.database.db, { scale, seed });
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ engine, scale: scaleName, seed, ...result, seconds, cpus: cpus().length, loadAvgAtStart: load, loadAvgAtEnd: loadavg()[0]?.toFixed(2) }, null, 2)}\n`,
    );
  } finally {
    await db.drop();
  }
}

runMain(main);
