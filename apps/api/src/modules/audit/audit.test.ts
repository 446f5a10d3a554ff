import { AuditActors, AuditPage } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../lib/audit';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';

describe('audit trail', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let specialist: SignedIn;
  const contactId = '11111111-1111-4111-8111-111111111111';
  const browse = async (query: string, as: SignedIn = supervisor) => {
    const res = await t.app.inject({ url: `/api/audit?${query}`, headers: as.headers });
    expect(res.statusCode, res.body).toBe(200);
    return AuditPage.parse(res.json());
  };

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.signIn(['supervisor']);
    specialist = await t.signIn(['specialist']);
    const actor = {
      type: 'staff' as const,
      id: specialist.me.staff.id,
      name: specialist.me.staff.name,
      email: specialist.me.staff.email,
      roles: specialist.me.staff.roles,
      sessionId: 'x',
      csrfToken: 'x',
    };
    // A specialist opens a contact, then updates it; the system touches another record.
    await writeAudit(
      t.database.db,
      { actor, requestId: 'r1' },
      { action: 'read', entityType: 'contact', entityId: contactId, fields: ['phone', 'notes'] },
    );
    await writeAudit(
      t.database.db,
      { actor, requestId: 'r2' },
      { action: 'update', entityType: 'contact', entityId: contactId, fields: ['notes'] },
    );
    await writeAudit(t.database.db, t.systemCtx, {
      action: 'create',
      entityType: 'organization',
      entityId: 'org-1',
    });
    // Older rows, on known days.
    await t.database.exec(`
      INSERT INTO audit_log (at, actor_type, actor_name, action, entity_type, entity_id)
      VALUES ('2026-01-10T12:00:00Z', 'system', 'import', 'create', 'service', 's-1'),
             ('2026-01-11T23:59:59Z', 'system', 'import', 'create', 'service', 's-2'),
             ('2026-01-12T00:00:00Z', 'system', 'import', 'create', 'service', 's-3')`);
  });
  afterAll(async () => t.close());

  it('shows who opened which contact, newest first, with field names only', async () => {
    const page = await browse(`entityType=contact&entityId=${contactId}`);
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.action)).toEqual(['update', 'read']);
    expect(page.items[1]).toMatchObject({
      actorType: 'staff',
      actorId: specialist.me.staff.id,
      actorName: specialist.me.staff.name,
      action: 'read',
      entityType: 'contact',
      entityId: contactId,
      fields: ['phone', 'notes'],
      requestId: 'r1',
    });
  });

  it('filters by actor, action, entity type and date range, and pages', async () => {
    expect(
      (await browse(`actorId=${specialist.me.staff.id}`)).items.every(
        (i) => i.actorId === specialist.me.staff.id,
      ),
    ).toBe(true);
    expect((await browse(`actorId=${specialist.me.staff.id}&action=read`)).total).toBe(1);
    expect((await browse('actorType=system&entityType=organization')).items.map((i) => i.entityId)).toEqual([
      'org-1',
    ]);
    const day = await browse('entityType=service&from=2026-01-11&to=2026-01-11');
    expect(day.items.map((i) => i.entityId)).toEqual(['s-2']);
    const range = await browse('entityType=service&from=2026-01-10T12:00:00Z&to=2026-01-12T00:00:00Z');
    expect(range.items.map((i) => i.entityId)).toEqual(['s-3', 's-2', 's-1']);
    const first = await browse('entityType=service&perPage=2&page=1');
    const second = await browse('entityType=service&perPage=2&page=2');
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((i) => i.entityId)).toEqual(['s-3', 's-2', 's-1']);
  });

  it('names a bad filter', async () => {
    const res = await t.app.inject({ url: '/api/audit?from=yesterday', headers: supervisor.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('querystring.from');
    const backwards = await t.app.inject({
      url: '/api/audit?from=2026-02-01&to=2026-01-01',
      headers: supervisor.headers,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('query.to');
  });

  it('lists the people and keys who can appear as actors', async () => {
    const res = await t.app.inject({ url: '/api/audit/actors', headers: supervisor.headers });
    const actors = AuditActors.parse(res.json());
    expect(actors.items).toContainEqual({
      id: specialist.me.staff.id,
      name: specialist.me.staff.name,
      type: 'staff',
    });
  });

  it('is for supervisors and admins only', async () => {
    const admin = await t.signIn(['admin']);
    await browse('', admin);
    const other = await t.signIn(['specialist', 'followup', 'editor']);
    expect((await t.app.inject({ url: '/api/audit', headers: other.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit/actors', headers: other.headers })).statusCode).toBe(403);
  });

  it('no route changes or deletes audit rows, and the database refuses it anyway', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      const res = await t.app.inject({ method, url: '/api/audit', headers: supervisor.headers });
      expect(res.statusCode).toBe(404);
    }
    await expect(t.database.exec(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.database.exec(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});
