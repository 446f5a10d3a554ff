import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, SCOPES, type Role, type Scope } from '@relais/contracts';
import type * as FastifyModule from 'fastify';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from './app';
import type { Config } from './config';
import { systemActor } from './lib/context';
import type { Access } from './plugins/auth';
import { createApiKey } from './modules/apikeys/apikeys.service';
import { createTestApp, type SignedIn, type TestApp } from './test/helpers';

/**
 * Every route the application registers, whoever adds it, is collected through an onRoute hook added
 * the moment Fastify is created, before any plugin, so nothing is registered out of sight.
 */
const registry = vi.hoisted(() => ({
  routes: [] as Array<{ method: string; url: string; access?: unknown }>,
}));
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof FastifyModule>();
  const create = ((opts?: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        registry.routes.push({ method, url: route.url, access: route.config?.access });
      }
    });
    return app;
  }) as typeof mod.default;
  return { ...mod, default: create, fastify: create };
});

interface Route {
  method: string;
  url: string;
  access?: Access;
}

const consoleDist = mkdtempSync(join(tmpdir(), 'relais-console-'));
mkdirSync(join(consoleDist, 'assets'));
writeFileSync(join(consoleDist, 'index.html'), '<!doctype html><title>Relais</title>');
writeFileSync(join(consoleDist, 'assets', 'app.js'), 'console.log(1)');
const consoleFiles = new Set(['/', '/index.html', '/assets/app.js']);

const isHsds = (url: string) => url.startsWith('/api/hsds') || url.startsWith('/hsds');

/** The explicit, short list of routes anyone may reach. Everything else needs credentials. */
const PUBLIC: Array<{ why: string; match: (r: Route, config: Config) => boolean }> = [
  { why: 'health probes', match: (r) => r.url === '/health/live' || r.url === '/health/ready' },
  { why: 'sign in', match: (r) => r.url === '/api/auth/login' && r.method === 'POST' },
  {
    why: 'API documentation',
    match: (r) => r.url === '/api/openapi.json' || r.url === '/api/docs' || r.url.startsWith('/api/docs/'),
  },
  { why: "the console's static files", match: (r) => consoleFiles.has(r.url) },
  {
    why: 'HSDS reads, when the operator makes the directory public',
    match: (r, c) => c.hsdsPublic && isHsds(r.url) && (r.method === 'GET' || r.method === 'HEAD'),
  },
];
const isPublic = (r: Route, config: Config) => PUBLIC.some((p) => p.match(r, config));

/** Any value fills a path parameter: access is decided before validation. */
const concrete = (url: string) =>
  url
    .replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, '00000000-0000-4000-8000-000000000000')
    .replace(/\*/g, 'anything');

const label = (r: Route) => `${r.method} ${r.url}`;

async function routesOf(config: Config, database: TestApp['database']) {
  registry.routes = [];
  const app = await buildApp({ config, database });
  await app.ready();
  const routes = registry.routes.map((r) => ({ ...r, access: r.access as Access | undefined }));
  registry.routes = [];
  return { app, routes };
}

describe('every route declares and enforces who may reach it', () => {
  let t: TestApp;
  let app: App;
  let routes: Route[];
  const sessions = new Map<string, SignedIn>();
  const keys = new Map<string, string>();

  /** One staff member holding every role the route does NOT allow (the strongest refusal to test). */
  async function staffWithout(allowed: readonly Role[]) {
    const roles = ROLES.filter((r) => !allowed.includes(r));
    const id = roles.join(',');
    if (roles.length === 0) return null;
    if (!sessions.has(id)) sessions.set(id, await t.signIn(roles));
    return sessions.get(id) ?? null;
  }

  async function keyWithout(allowed: readonly Scope[]) {
    const scopes = SCOPES.filter((s) => !allowed.includes(s));
    const id = scopes.join(',');
    if (scopes.length === 0) return null;
    if (!keys.has(id)) {
      const created = await createApiKey({
        ctx: { ...t.systemCtx, actor: systemActor('test') },
        input: { name: id, scopes },
      });
      keys.set(id, created.key);
    }
    return keys.get(id) ?? null;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ({ app, routes } = await routesOf({ ...t.config, webDist: consoleDist, hsdsPublic: false }, t.database));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('finds the routes of every module, including the console files', () => {
    const urls = routes.map((r) => r.url);
    for (const url of [
      '/api/auth/login',
      '/api/staff',
      '/api/api-keys',
      '/api/audit',
      '/health/live',
      '/assets/app.js',
    ]) {
      expect(urls).toContain(url);
    }
    expect(routes.length).toBeGreaterThan(20);
  });

  it('only the explicit public list is public, and each entry is used', () => {
    const open = routes.filter((r) => r.access === 'public' || r.access === undefined);
    const unlisted = open.filter((r) => !isPublic(r, t.config)).map(label);
    expect(unlisted, 'routes open to anyone but not on the public list').toEqual([]);
    for (const entry of PUBLIC.filter((p) => !p.why.startsWith('HSDS'))) {
      expect(
        routes.some((r) => entry.match(r, t.config)),
        entry.why,
      ).toBe(true);
    }
  });

  it('public routes answer without credentials', async () => {
    for (const r of routes.filter((x) => isPublic(x, t.config))) {
      const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect([401, 403], label(r)).not.toContain(res.statusCode);
    }
  });

  it('every other route answers 401 without credentials', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => !isPublic(x, t.config))) {
      const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      if (res.statusCode !== 401) failures.push(`${label(r)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('every route refuses (403) staff whose roles it does not allow', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => !isPublic(x, t.config))) {
      const access = r.access;
      if (typeof access !== 'object') {
        failures.push(`${label(r)} declares no access rule`);
        continue;
      }
      if (access.roles === 'any') continue; // any signed-in staff member may use it
      const who = await staffWithout(access.roles ?? []);
      if (!who) continue;
      const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: who.headers });
      checked++;
      const csrf = r.method !== 'HEAD' && /CSRF/.test(res.body);
      if (res.statusCode !== 403 || csrf)
        failures.push(`${label(r)} → ${res.statusCode} for ${who.me.staff.roles.join('+')}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  it('every route refuses (403) an API key without its scope', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => !isPublic(x, t.config))) {
      const access = r.access;
      if (typeof access !== 'object') continue;
      const key = await keyWithout(access.scopes ?? []);
      if (!key) continue;
      const res = await app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: { authorization: `Bearer ${key}` },
      });
      if (res.statusCode !== 403) failures.push(`${label(r)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('a forged session or key is refused with 401 everywhere', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => !isPublic(x, t.config) && x.method !== 'HEAD')) {
      for (const headers of [{ cookie: 'relais_session=forged' }, { authorization: 'Bearer rls_forged' }]) {
        const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers });
        if (res.statusCode !== 401)
          failures.push(`${label(r)} → ${res.statusCode} with ${Object.keys(headers)[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('with HSDS_PUBLIC the HSDS reads, and only they, open up', async () => {
    const config = { ...t.config, webDist: consoleDist, hsdsPublic: true };
    const open = await routesOf(config, t.database);
    try {
      const unlisted = open.routes
        .filter((r) => r.access === 'public' || r.access === undefined)
        .filter((r) => !isPublic(r, config))
        .map(label);
      expect(unlisted).toEqual([]);
      const failures: string[] = [];
      for (const r of open.routes) {
        if (!isHsds(r.url) && isPublic(r, config)) continue;
        const res = await open.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
        const expected = isPublic(r, config) ? 'open' : 401;
        const got = res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'open';
        if (got !== expected) failures.push(`${label(r)} → ${res.statusCode}`);
      }
      expect(failures).toEqual([]);
    } finally {
      await open.app.close();
    }
  });
});
