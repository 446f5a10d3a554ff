import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CSRF_HEADER,
  type Contact,
  type DirectorySearchResponse,
  type Me,
  type TaxonomyList,
} from '@relais/contracts';
import { createDb, createServerDatabase } from '@relais/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config';

/**
 * The README's "Running on a real PostgreSQL server", followed to the letter on an empty database, as
 * separate processes the way a person runs them: migrate, the start-up message, the first admin, the example
 * directory and contacts, then the admin creates a specialist who logs a contact with a coded need and a
 * referral. On the PostgreSQL server with TEST_DATABASE_URL, else in an empty PGlite folder.
 */

const apiDir = join(repoRoot, 'apps/api');
const ADMIN = { email: 'first.admin@centre.example', password: 'a long first password 211' };

let databaseUrl: string;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const server = await createServerDatabase(serverUrl, 'relais_first');
    databaseUrl = server.url;
    dropDatabase = server.drop;
  } else {
    const folder = await mkdtemp(join(tmpdir(), 'relais-first-'));
    databaseUrl = join(folder, 'pglite');
    dropDatabase = () => rm(folder, { recursive: true, force: true });
  }
});
afterAll(async () => dropDatabase());

const env = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  WEB_DIST: '/nonexistent',
});

/** `pnpm cli …` as the README gives it (the same entry point, run from the repository root). */
function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: apiDir,
      env: { ...env(), INIT_CWD: repoRoot },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** `pnpm start`: resolves once the server prints its address, with everything it printed until then. */
function startServer(): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: apiDir,
      env: { ...env(), PORT: '0', HOST: '127.0.0.1' },
    });
    let out = '';
    const collect = (d: Buffer) => {
      out += d.toString();
      // The whole message block ends with a blank line.
      const url = /Relais is running at (http:\/\/\S+)[\s\S]*\n\n/.exec(out)?.[1];
      if (url) resolve({ child, url, out: () => out });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A signed-in browser, reduced to its cookie and CSRF token. */
async function signIn(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as Me;
  const headers = { cookie, [CSRF_HEADER]: me.csrfToken, 'content-type': 'application/json' };
  return {
    me,
    get: async <T>(path: string) => {
      const r = await fetch(`${url}${path}`, { headers });
      expect(r.status, path).toBe(200);
      return (await r.json()) as T;
    },
    post: (path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify(body),
      }),
  };
}

describe('first start on an empty database, as the README says', { timeout: 120_000 }, () => {
  it('migrate leaves a working centre: 17 need categories with subcategories in EN and FR, the lines, nobody', async () => {
    const migrated = await cli('migrate');
    expect(migrated.code, migrated.out).toBe(0);
    expect(migrated.out).toMatch(/Loaded the default taxonomy: \d+ terms/);
    expect(migrated.out).toContain('No admin account yet. Create the first one: pnpm cli staff:create');

    const database = await createDb({ url: databaseUrl });
    try {
      const terms = await database.query<{
        id: string;
        parent_id: string | null;
        name_en: string;
        name_fr: string;
      }>('SELECT id, parent_id, name_en, name_fr FROM taxonomy_terms');
      const top = terms.filter((t) => !t.parent_id);
      expect(top).toHaveLength(17);
      // The 17 categories of shared/taxonomy, by code and in both languages.
      const shared = (await readFile(join(repoRoot, '../shared/taxonomy/needs-categories.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(top.map((t) => t.id).sort()).toEqual(shared.sort());
      for (const category of top)
        expect(
          terms.some((t) => t.parent_id === category.id),
          category.id,
        ).toBe(true);
      expect(terms.filter((t) => !t.name_en || !t.name_fr)).toEqual([]);
      const lines = await database.query<{ id: string }>('SELECT id FROM lines WHERE active');
      expect(lines.map((l) => l.id)).toContain('general');
      const people = await database.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM services) AS n`,
      );
      expect(Number(people[0]?.n)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('the server starts on it and says how to create the first admin', async () => {
    const server = await startServer();
    await stopServer(server.child);
    expect(server.out()).toContain('No admin account yet. Create the first one');
    expect(server.out()).toContain('pnpm cli staff:create --email');
    expect(server.out()).not.toContain('Demo logins');
  });

  it('the first admin, the example directory and the example contacts load with the CLI', async () => {
    const admin = await cli(
      'staff:create',
      '--email',
      ADMIN.email,
      '--name',
      'First Admin',
      '--roles',
      'admin',
      '--password',
      ADMIN.password,
    );
    expect(admin.code, admin.out).toBe(0);
    const english = await cli('import:hsds', 'docs/examples/directory.hsds.json');
    expect(english.code, english.out).toBe(0);
    expect(english.out).toMatch(/saved — created \d+/);
    expect(english.out).not.toMatch(/warning|rejected/);
    const french = await cli('import:hsds', 'docs/examples/directory.fr.hsds.json', '--lang', 'fr');
    expect(french.code, french.out).toBe(0);
    const lines = (await readFile(join(repoRoot, 'docs/examples/contacts.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    const contacts = await cli('import:contacts', 'docs/examples/contacts.ndjson');
    expect(contacts.code, contacts.out).toBe(0);
    expect(contacts.out).toContain(
      `${lines.length} lines: ${lines.length} created, 0 already imported, 0 rejected`,
    );
  });

  it('the admin creates a specialist, who logs a contact with a coded need and a referral', async () => {
    const server = await startServer();
    try {
      expect(server.out()).not.toContain('No admin account yet');
      const admin = await signIn(server.url, ADMIN.email, ADMIN.password);
      const specialistEmail = 'specialist@centre.example';
      const created = await admin.post('/api/staff', {
        email: specialistEmail,
        name: 'Sam Specialist',
        roles: ['specialist'],
        password: 'another long password',
      });
      expect(created.status, await created.clone().text()).toBe(201);

      const specialist = await signIn(server.url, specialistEmail, 'another long password');
      const taxonomy = await specialist.get<TaxonomyList>('/api/directory/taxonomy');
      expect(taxonomy.items.find((t) => t.id === 'FOOD-BANK')).toMatchObject({
        nameFr: 'Banques alimentaires',
      });
      const found = await specialist.get<DirectorySearchResponse>(
        '/api/directory/search?q=food%20hampers&municipality=Thunder%20Bay',
      );
      const service = found.items[0];
      expect(service).toMatchObject({
        nameEn: 'Emergency food hampers',
        nameFr: 'Paniers alimentaires d’urgence',
      });
      if (!service) throw new Error('the example directory was not found');

      const draft = await specialist.post(
        '/api/contacts',
        {
          channel: 'phone',
          lineId: 'general',
          disposition: 'referral_given',
          caller: {
            ageGroup: 'adult',
            gender: 'undisclosed',
            language: 'en',
            location: { municipality: 'Thunder Bay' },
          },
          needs: [
            {
              id: randomUUID(),
              termId: 'FOOD-BANK',
              referrals: [{ id: randomUUID(), serviceId: service.serviceId, locationId: service.locationId }],
            },
          ],
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(draft.status, await draft.clone().text()).toBe(201);
      const contact = (await draft.json()) as Contact;
      expect(contact.missing).toEqual([]);
      const closed = await specialist.post(`/api/contacts/${contact.id}/close`, { version: contact.version });
      expect(closed.status, await closed.clone().text()).toBe(200);
      const saved = (await closed.json()) as Contact;
      expect(saved.status).toBe('closed');
      expect(saved.needs[0]).toMatchObject({ termId: 'FOOD-BANK', categoryId: 'FOOD', status: 'met' });
      expect(saved.needs[0]?.referrals[0]).toMatchObject({
        serviceId: service.serviceId,
        serviceName: 'Emergency food hampers',
      });
    } finally {
      await stopServer(server.child);
    }
  });
});
