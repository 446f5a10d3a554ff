import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  createTestDatabase,
  QueryOutsideTransactionError,
  rows,
  schema,
  type Database,
} from './index';
import { isMigrated } from './migrate';

describe('createDb + migrate', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('applies every migration', async () => {
    expect(await isMigrated(database)).toBe(true);
  });

  it('loads cube, earthdistance, pg_trgm and unaccent', async () => {
    const rows = await database.query<{ extname: string }>(
      'SELECT extname FROM pg_extension ORDER BY extname',
    );
    expect(rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['cube', 'earthdistance', 'pg_trgm', 'unaccent']),
    );
  });

  // Regression (migrations/0006): on PGlite 0.5 with cube loaded, pg_trgm's `%` intermittently matched nothing
  // and left the backend so broken that the next query never returned. The spelling correction uses only
  // similarity() and show_trgm(); this runs it on several fresh databases, each followed by a geo query.
  it('corrects a misspelt word by trigram similarity, and the next query answers', async () => {
    const words = ['banque', 'alimentaire', 'bank', 'food', 'loyer', 'rent', 'thunder', 'bay'];
    for (let run = 0; run < 4; run++) {
      const db = run === 0 ? database : await createTestDatabase();
      try {
        await db.query(`INSERT INTO search_lexicon (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
          words,
        ]);
        const rows = await db.query<{ word: string; correction: string | null }>(
          `SELECT w.word, (SELECT l.word FROM search_lexicon l
             WHERE show_trgm(l.word) && show_trgm(w.word) AND similarity(l.word, w.word) >= 0.3
             ORDER BY similarity(l.word, w.word) DESC, l.word LIMIT 1) AS correction
           FROM unnest($1::text[]) AS w(word)`,
          [['banqe', 'alimentare', 'xyzzy']],
        );
        expect(rows).toEqual([
          { word: 'banqe', correction: 'banque' },
          { word: 'alimentare', correction: 'alimentaire' },
          { word: 'xyzzy', correction: null },
        ]);
        const km = await db.query<{ d: number }>(
          `SELECT earth_distance(ll_to_earth(45.4215, -75.6972), ll_to_earth(48.3809, -89.2477)) / 1000 AS d`,
        );
        expect(Number(km[0]?.d)).toBeGreaterThan(1000);
        expect(Number(km[0]?.d)).toBeLessThan(1200);
      } finally {
        if (db !== database) await db.close();
      }
    }
  }, 60_000);

  it('strips accents through the immutable wrapper', async () => {
    const rows = await database.query<{ s: string }>(`SELECT relais_unaccent('Société Éducation') AS s`);
    expect(rows[0]?.s).toBe('Societe Education');
  });

  it('refuses to change, delete or truncate audit rows', async () => {
    await database.exec(
      `INSERT INTO audit_log (actor_type, action, entity_type) VALUES ('system', 'create', 'test')`,
    );
    await expect(database.exec(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`TRUNCATE audit_log CASCADE`)).rejects.toThrow(/append-only/);
    const left = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(left[0]?.n).toBeGreaterThan(0);
  });

  it('running migrate again applies nothing', async () => {
    const { migrate } = await import('./migrate');
    expect(await migrate(database)).toEqual([]);
  });

  // Regression: an autosave (PATCH) once refreshed a cache with a query on the database from inside its own
  // transaction; on PGlite that waited forever and hung every later request. The guard turns that into an error.
  describe('a query on the database from inside one of its transactions', () => {
    const one = sql`SELECT 1 AS n`;
    /** Drizzle wraps a driver's error in its own (as `cause`); raw calls and transaction() reject with it. */
    const refused = (p: Promise<unknown>) =>
      expect(p).rejects.toSatisfy((e: Error) => (e.cause ?? e) instanceof QueryOutsideTransactionError);

    it('fails at once, says why, and leaves the database answering', async () => {
      const { db } = database;
      await refused(db.transaction(async () => db.execute(one)));
      await expect(db.transaction(async () => database.query('SELECT 1'))).rejects.toThrow(
        /inside one of its transactions: use the transaction's handle \(tx\)/,
      );
      await refused(db.transaction(async () => db.transaction(async () => 1)));
      expect(await rows(db, one)).toEqual([{ n: 1 }]);
    });

    it('rolls back what the transaction wrote before the refused query', async () => {
      const { db } = database;
      const count = async () =>
        Number(
          (
            await rows<{ n: string }>(
              db,
              sql`SELECT count(*) AS n FROM search_lexicon WHERE word = 'guardword'`,
            )
          )[0]?.n,
        );
      await refused(
        db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO search_lexicon (word) VALUES ('guardword')`);
          await db.select().from(schema.staff).limit(1);
        }),
      );
      expect(await count()).toBe(0);
    });

    it('does not refuse the transaction itself, other callers, or work left to run after it', async () => {
      const { db } = database;
      let later: Promise<unknown> = Promise.resolve();
      const inside = db.transaction(async (tx) => {
        const [row] = await rows(tx, one);
        await tx.transaction(async (nested) => rows(nested, one));
        later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => rows(db, one));
        return row;
      });
      const outside = rows(db, one); // another request while the transaction runs: it waits its turn
      expect(await inside).toEqual({ n: 1 });
      expect(await outside).toEqual([{ n: 1 }]);
      expect(await later).toEqual([{ n: 1 }]);
    });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('statement timeout on a PostgreSQL server', () => {
  let database: Database;
  let timed: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = (database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
    if (!url) throw new Error('no server URL');
    timed = await createDb({ url, poolSize: 2, statementTimeoutMs: 200 });
  });
  afterAll(async () => {
    await timed.close();
    await database.close();
  });

  it('cancels a statement that runs past it, and the pool answers the next one', async () => {
    await expect(timed.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    expect(await timed.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('does not apply to migrations, and is back in force once they are done', async () => {
    const { migrate } = await import('./migrate');
    const folder = await mkdtemp(join(tmpdir(), 'relais-migrations-'));
    await writeFile(join(folder, '9999_slow.sql'), 'SELECT pg_sleep(0.6);');
    try {
      await expect(migrate(timed, folder)).resolves.toEqual(['9999_slow.sql']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    await expect(timed.query('SELECT pg_sleep(1)')).rejects.toThrow(/statement timeout/);
  });
});
