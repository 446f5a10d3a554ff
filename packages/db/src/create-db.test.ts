import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type Database } from './index';
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

  // Regression: with pg_trgm loaded before cube, PGlite 0.5 matched nothing with % and then hung.
  it('trigram % matches after the geo extensions are loaded, and the next query answers', async () => {
    const rows = await database.query<{ m: boolean }>(
      `SELECT 'banque alimentaire' % 'banqe alimentaire' AS m`,
    );
    expect(rows[0]?.m).toBe(true);
    const km = await database.query<{ d: number }>(
      `SELECT earth_distance(ll_to_earth(45.4215, -75.6972), ll_to_earth(48.3809, -89.2477)) / 1000 AS d`,
    );
    expect(Number(km[0]?.d)).toBeGreaterThan(1000);
    expect(Number(km[0]?.d)).toBeLessThan(1200);
  });

  it('strips accents through the immutable wrapper', async () => {
    const rows = await database.query<{ s: string }>(`SELECT relais_unaccent('Société Éducation') AS s`);
    expect(rows[0]?.s).toBe('Societe Education');
  });

  it('refuses to change or delete audit rows', async () => {
    await database.exec(
      `INSERT INTO audit_log (actor_type, action, entity_type) VALUES ('system', 'create', 'test')`,
    );
    await expect(database.exec(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('running migrate again applies nothing', async () => {
    const { migrate } = await import('./migrate');
    expect(await migrate(database)).toEqual([]);
  });
});
