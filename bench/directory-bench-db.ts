import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate, type Database } from '../packages/db/src/index';
import { freshDatabase } from './contacts-bench-db';

/** A fresh database for the directory benchmarks: a new database on the server, or a PGlite folder. */
export async function freshDirectoryDatabase(engine: 'postgres' | 'pglite'): Promise<{
  url: string;
  database: Database;
  drop(): Promise<void>;
}> {
  if (engine === 'postgres') return freshDatabase('relais_bench_directory');
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-pglite-'));
  const database = await createDb({ url: dir });
  await migrate(database);
  return {
    url: dir,
    database,
    async drop() {
      await database.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
