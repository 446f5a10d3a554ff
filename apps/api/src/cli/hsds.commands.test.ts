import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type Database } from '@relais/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config';
import { makeFixture } from '../modules/hsds/test/fixtures';
import { hsdsCommands } from './hsds.commands';

describe('pnpm cli import:hsds', () => {
  let database: Database;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'relais-hsds-'));
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
    process.exitCode = 0;
  });

  const run = async (args: string[], flags: Record<string, string> = {}) => {
    const lines: string[] = [];
    const command = hsdsCommands['import:hsds'];
    if (!command) throw new Error('no command');
    process.exitCode = 0;
    await command.run({ config: testConfig(), database, flags, args, out: (l) => lines.push(l) });
    return { lines, exitCode: process.exitCode };
  };

  it('imports each file in its own transaction and reports per file', async () => {
    const f = makeFixture();
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(f.english));
    await writeFile(bad, JSON.stringify([{ id: crypto.randomUUID(), name: 'No org', status: 'active' }]));
    const first = await run([good, bad]);
    expect(first.exitCode).toBe(1);
    expect(first.lines[0]).toMatch(/good\.json: saved — created \d+, updated 0, unchanged 0/);
    expect(first.lines.join('\n')).toMatch(
      /bad\.json: NOTHING SAVED[\s\S]*rejected \$\[0\]\.organization_id/,
    );
    const n = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM services');
    expect(n[0]?.n).toBe(2);

    const again = await run([good]);
    expect(again.exitCode).toBe(0);
    expect(again.lines[0]).toMatch(/created 0, updated 0, unchanged \d+/);
  });
});
