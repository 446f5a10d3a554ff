import { createTestDatabase, type Database } from '@relais/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';
import { ConfigError, loadConfig, testConfig } from '../config';
import { createTestApp, type TestApp } from '../test/helpers';

describe('API answers are never cached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('sends Cache-Control: no-store on every /api answer, signed in or not, and leaves other paths alone', async () => {
    const specialist = await t.signIn(['specialist']);
    const lines = await t.app.inject({
      method: 'GET',
      url: '/api/contacts/lines',
      headers: specialist.headers,
    });
    expect(lines.statusCode).toBe(200);
    expect(lines.headers['cache-control']).toBe('no-store');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.headers['cache-control']).toBe('no-store');
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: specialist.headers,
    });
    expect(missing.headers['cache-control']).toBe('no-store');
    const health = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(health.headers['cache-control']).toBeUndefined();
  });
});

describe('body limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('sign-in takes a few KB, other JSON 2 MB, and only the import route a large NDJSON body', async () => {
    const bigLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'someone@test.relais', password: 'x'.repeat(20_000) },
    });
    expect(bigLogin.statusCode).toBe(413);
    const specialist = await t.signIn(['specialist']);
    const big = 'x'.repeat(3 * 1024 * 1024);
    const asNdjson = await t.app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: { ...specialist.headers, 'content-type': 'application/x-ndjson' },
      payload: big,
    });
    expect(asNdjson.statusCode).toBe(413);
    const asJson = await t.app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: { ...specialist.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'phone', notes: big }),
    });
    expect(asJson.statusCode).toBe(413);
    const supervisor = await t.signIn(['supervisor']);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { ...supervisor.headers, 'content-type': 'application/x-ndjson' },
      payload: `${'\n'.repeat(3 * 1024 * 1024)}{"not": "a contact"}\n`,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 0, rejectedCount: 1 });
  });
});

describe('TRUST_PROXY', () => {
  it('takes proxy addresses and CIDRs, and refuses "true" (trusting any X-Forwarded-For) with a clear message', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: give the reverse proxy's addresses/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,everyone' })).toThrow(/not "everyone"/);
    expect(() => loadConfig({ TRUST_PROXY: '999.1' })).toThrow(/not "999.1"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not "10.0.0.0\/33"/);
    expect(loadConfig({ TRUST_PROXY: 'fd00::/8' }).trustProxy).toEqual(['fd00::/8']);
  });

  describe('in the app', () => {
    let database: Database;
    let app: App;
    beforeAll(async () => {
      database = await createTestDatabase();
      app = await buildApp({ config: testConfig({ trustProxy: ['127.0.0.1'] }), database });
      app.get('/echo-ip', { config: { access: 'public' } }, async (request) => ({ ip: request.ip }));
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await database.close();
    });

    const ipSeen = async (remoteAddress: string) =>
      (
        await app.inject({
          method: 'GET',
          url: '/echo-ip',
          remoteAddress,
          headers: { 'x-forwarded-for': '203.0.113.5' },
        })
      ).json<{ ip: string }>().ip;

    it('believes X-Forwarded-For from a listed proxy only', async () => {
      expect(await ipSeen('127.0.0.1')).toBe('203.0.113.5');
      expect(await ipSeen('198.51.100.1')).toBe('198.51.100.1');
    });
  });
});
