import { ApiKey, ApiKeyList, CreatedApiKey } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app';
import { runCommand } from '../../cli/command';
import { staffCommands } from '../../cli/staff.commands';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';

describe('API keys', () => {
  let t: TestApp;
  let admin: SignedIn;
  /** The same app plus one route that needs the hsds:read scope, to use keys against. */
  let probe: App;
  const useKey = (key: string) =>
    probe.inject({ url: '/api/test/needs-hsds-read', headers: { authorization: `Bearer ${key}` } });
  const create = (payload: Record<string, unknown>, as: SignedIn = admin) =>
    t.app.inject({ method: 'POST', url: '/api/api-keys', headers: as.headers, payload });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(['admin']);
    probe = await buildApp({ config: t.config, database: t.database });
    probe.get(
      '/api/test/needs-hsds-read',
      { config: { access: { scopes: ['hsds:read'] } } },
      async (request) => ({
        actor: request.actor?.type,
      }),
    );
    await probe.ready();
  });
  afterAll(async () => {
    await probe.close();
    await t.close();
  });

  it('creates a key shown once, stored hashed, usable as a Bearer token', async () => {
    const res = await create({ name: 'Open data portal', scopes: ['hsds:read'] });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = CreatedApiKey.parse(res.json());
    expect(created.key).toMatch(/^rls_[A-Za-z0-9_-]{40,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.createdBy).toEqual({ id: admin.me.staff.id, name: admin.me.staff.name });

    const stored = JSON.stringify(await t.database.query(`SELECT * FROM api_keys`));
    expect(stored).not.toContain(created.key);

    const list = ApiKeyList.parse(
      (await t.app.inject({ url: '/api/api-keys', headers: admin.headers })).json(),
    );
    const listed = list.items.find((k) => k.id === created.id);
    expect(listed).toMatchObject({
      prefix: created.prefix,
      scopes: ['hsds:read'],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(created.key);

    const used = await useKey(created.key);
    expect(used.statusCode).toBe(200);
    expect(used.json()).toEqual({ actor: 'api_key' });
    const after = ApiKeyList.parse(
      (await t.app.inject({ url: '/api/api-keys', headers: admin.headers })).json(),
    );
    expect(after.items.find((k) => k.id === created.id)?.lastUsedAt).not.toBeNull();
  });

  it('refuses a key without the scope (403), an unknown key (401) and a revoked key (401)', async () => {
    const wrongScope = CreatedApiKey.parse(
      (await create({ name: 'Importer', scopes: ['import:write'] })).json(),
    );
    expect((await useKey(wrongScope.key)).statusCode).toBe(403);
    expect((await useKey('rls_not-a-real-key')).statusCode).toBe(401);

    const key = CreatedApiKey.parse(
      (await create({ name: 'Reader', scopes: ['hsds:read', 'reports:read'] })).json(),
    );
    expect((await useKey(key.key)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/api-keys/${key.id}/revoke`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    expect(ApiKey.parse(revoked.json()).revokedAt).not.toBeNull();
    const refused = await useKey(key.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/revoked/);
    // Revoking again changes nothing and writes no second audit row.
    await t.app.inject({ method: 'POST', url: `/api/api-keys/${key.id}/revoke`, headers: admin.headers });
    const rows = await t.database.query<{ action: string; fields: string[] | null }>(
      `SELECT action, fields FROM audit_log WHERE entity_type = 'api_key' AND entity_id = $1 ORDER BY id`,
      [key.id],
    );
    expect(rows).toEqual([
      { action: 'create', fields: ['name', 'scopes'] },
      { action: 'revoke', fields: ['revokedAt'] },
    ]);
  });

  it('a key cannot act as staff, and staff routes refuse it', async () => {
    const key = CreatedApiKey.parse(
      (
        await create({
          name: 'All scopes',
          scopes: ['intake:write', 'hsds:read', 'reports:read', 'import:write'],
        })
      ).json(),
    );
    const res = await t.app.inject({ url: '/api/api-keys', headers: { authorization: `Bearer ${key.key}` } });
    expect(res.statusCode).toBe(403);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${key.key}` } });
    expect(me.statusCode).toBe(403);
  });

  it('validates input, and only admins manage keys', async () => {
    const none = await create({ name: 'x', scopes: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0]).toMatchObject({ path: 'body.scopes' });
    const bad = await create({ name: 'x', scopes: ['root'] });
    expect(bad.json().error.fields[0].path).toBe('body.scopes.0');
    const other = await t.signIn(['supervisor', 'specialist', 'editor', 'followup']);
    expect((await create({ name: 'x', scopes: ['hsds:read'] }, other)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/api-keys', headers: other.headers })).statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys/00000000-0000-4000-8000-000000000000/revoke',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('the CLI prints the key once, as its last line, and revokes by id', async () => {
    const cli = (name: string, flags: Record<string, string> = {}) =>
      runCommand(staffCommands[name], t, flags);
    const created = await cli('apikey:create', { name: 'Telephony', scopes: 'intake:write,hsds:read' });
    const key = created.at(-1) ?? '';
    expect(key).toMatch(/^rls_/);
    expect((await useKey(key)).statusCode).toBe(200);
    const listed = await cli('apikey:list');
    const row = listed.find((l) => l.includes('Telephony'));
    expect(row).toBeDefined();
    expect(row).not.toContain(key);
    const id = row?.split(' ')[0] ?? '';
    await cli('apikey:revoke', { id });
    expect((await useKey(key)).statusCode).toBe(401);
    await expect(cli('apikey:create', { name: 'x', scopes: 'root' })).rejects.toThrow(/--scopes/);
  });
});
