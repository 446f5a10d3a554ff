import { randomBytes, randomUUID } from 'node:crypto';
import { createDb, createTestDatabase, grantAppRole, runOnServer, type Database } from '@relais/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app';
import { testConfig } from './config';
import { createStaff } from './modules/staff/staff.service';
import { prepareDatabase } from './prepare-database';
import { login, TEST_PASSWORD } from './test/helpers';

/**
 * The API running as a role that owns nothing (README, "Security"): the owner migrates and grants
 * (`pnpm cli db:grant-app`), then the API starts, serves a specialist's contact and an audit read, and can
 * neither change the schema nor rewrite the audit trail. Roles exist on a PostgreSQL server only.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('the API as a database role that owns nothing', () => {
  const role = `relais_app_${randomBytes(4).toString('hex')}`;
  let owner: Database;
  let asApp: Database;
  let app: App;
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';

  const admin = (statement: string) => runOnServer(serverUrl, statement);

  beforeAll(async () => {
    owner = await createTestDatabase();
    await admin(`CREATE ROLE ${role} LOGIN`);
    await grantAppRole(owner, role);
    const url = new URL((owner.pool?.options as { connectionString: string }).connectionString);
    url.username = role;
    asApp = await createDb({ url: url.toString(), poolSize: 3 });
    app = await buildApp({ config: testConfig({ webDist: '/nonexistent' }), database: asApp });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await asApp?.close();
    await owner?.close();
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('starts on a migrated database without needing to change its schema', async () => {
    const prepared = await prepareDatabase(asApp);
    expect(prepared.applied).toEqual([]);
    expect(prepared.taxonomyTerms).toBeGreaterThan(100);
  });

  it('serves a specialist logging a contact and a supervisor reading the audit trail', async () => {
    const ctx = { ...app.systemContext('test'), db: asApp.db };
    const config = testConfig();
    for (const [email, roles] of [
      [`spec-${role}@test.relais`, ['specialist']],
      [`sup-${role}@test.relais`, ['supervisor']],
    ] as const) {
      await createStaff(
        { ctx, input: { email, name: 'Role test', roles: [...roles], password: TEST_PASSWORD } },
        config,
      );
    }
    const specialist = await login(app, `spec-${role}@test.relais`, TEST_PASSWORD);
    const created = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: { ...specialist.headers, 'idempotency-key': randomUUID() },
      payload: {
        channel: 'phone',
        disposition: 'information_only',
        caller: { ageGroup: 'adult', gender: 'undisclosed', location: { undisclosed: true } },
        needs: [{ id: randomUUID(), termId: 'FOOD', unmetReason: 'no_service_exists' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const contact = created.json<{ id: string; version: number }>();
    const closed = await app.inject({
      method: 'POST',
      url: `/api/contacts/${contact.id}/close`,
      headers: specialist.headers,
      payload: { version: contact.version },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const supervisor = await login(app, `sup-${role}@test.relais`, TEST_PASSWORD);
    const audit = await app.inject({ method: 'GET', url: '/api/audit', headers: supervisor.headers });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(
      audit.json<{ items: Array<{ entityId: string | null }> }>().items.map((i) => i.entityId),
    ).toContain(contact.id);
  });

  it('cannot rewrite the audit trail, disable its triggers, or change the schema', async () => {
    await expect(asApp.exec('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(asApp.exec(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asApp.exec('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    await expect(asApp.exec('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(
      /must be (the )?owner/,
    );
    await expect(asApp.exec('DROP TABLE contacts')).rejects.toThrow(/must be (the )?owner/);
    await expect(asApp.exec('CREATE TABLE stolen (x int)')).rejects.toThrow(/permission denied/);
    await expect(asApp.exec(`INSERT INTO relais_migrations (name) VALUES ('9999_fake.sql')`)).rejects.toThrow(
      /permission denied/,
    );
    const rows = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
