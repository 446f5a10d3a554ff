import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from './test/helpers';

describe('app foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers liveness and readiness once migrated', async () => {
    expect((await t.app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('is not ready when a migration is missing', async () => {
    await t.database.exec(`DELETE FROM relais_migrations WHERE name = '0001_staff.sql'`);
    try {
      const res = await t.app.inject('/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.database).toBe('failing');
    } finally {
      await t.database.exec(`INSERT INTO relais_migrations (name) VALUES ('0001_staff.sql')`);
    }
  });

  it('returns a request id on every response', async () => {
    const res = await t.app.inject('/health/live');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names each bad field in a validation error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nope', password: '' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation');
    expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.email',
      'body.password',
    ]);
    expect(body.error.message).toContain('body.email');
  });

  it('answers 404 in the error format for unknown API routes', async () => {
    const res = await t.app.inject('/api/nothing-here?phone=6135550123');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'No route GET /api/nothing-here' });
  });

  it('never leaks internals on a 500', async () => {
    const app = t.app;
    const res = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'relais_session=x' },
    });
    expect(res.statusCode).toBe(401);
    // A route that throws an unexpected error:
    const broken = await (await import('./app')).buildApp({ config: t.config, database: t.database });
    broken.get('/api/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    await broken.ready();
    const boom = await broken.inject('/api/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('postgres://');
    expect(boom.json().error.code).toBe('internal');
    await broken.close();
  });

  it('refuses at startup a route that declares no access rule', async () => {
    const app = await (await import('./app')).buildApp({ config: t.config, database: t.database });
    expect(() => app.get('/api/forgotten', async () => 'x')).toThrow(/declares no access rule/);
    await app.close();
  });

  it('serves OpenAPI generated from the contracts, and the docs UI', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/health/ready']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('sends security headers with a content security policy', async () => {
    const res = await t.app.inject('/health/live');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('logs in, reads me, and logs out', async () => {
    const s = await t.signIn(['specialist']);
    expect(s.me.staff.roles).toEqual(['specialist']);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(z.iso.datetime({ offset: true }).safeParse(me.json().expiresAt).success).toBe(true);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite cookie', async () => {
    await t.signIn(['admin'], 'cookie-check@test.relais');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cookie-check@test.relais', password: 'correct horse battery staple' },
    });
    const c = res.cookies.find((x) => x.name === 'relais_session');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    await t.signIn(['specialist'], 'known@test.relais');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'known@test.relais', password: 'wrong password here' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@test.relais', password: 'wrong password here' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('refuses a state-changing request made with the cookie but without the CSRF token', async () => {
    const s = await t.signIn(['specialist']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/CSRF/);
  });

  it('ends a session after the idle time', async () => {
    const s = await t.signIn(['specialist']);
    await t.database.exec(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    const res = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe('error logging', () => {
  it('keeps query parameters (personal details) out of the log', async () => {
    const { loggableError } = await import('./plugins/errors');
    const err = Object.assign(
      new Error('Failed query: insert into contacts (phone) values ($1)\nparams: 6135550123'),
      {
        cause: { code: '23505', message: 'duplicate key' },
      },
    );
    const logged = loggableError(err);
    expect(JSON.stringify(logged)).not.toContain('6135550123');
    expect(logged).toMatchObject({
      code: '23505',
      message: 'Failed query: insert into contacts (phone) values ($1)',
    });
  });
});
