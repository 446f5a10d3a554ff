import { StaffMember, StaffPage } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/command';
import { staffCommands } from '../../cli/staff.commands';
import { createTestApp, login, TEST_PASSWORD, type SignedIn, type TestApp } from '../../test/helpers';

describe('staff management', () => {
  let t: TestApp;
  let admin: SignedIn;
  const uniqueEmail = (tag: string) =>
    `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@test.relais`;
  const create = (body: Record<string, unknown>, as: SignedIn = admin) =>
    t.app.inject({ method: 'POST', url: '/api/staff', headers: as.headers, payload: body });
  const auditOf = (entityId: string) =>
    t.database.query<{ action: string; fields: string[] | null; actor_id: string | null }>(
      `SELECT action, fields, actor_id FROM audit_log WHERE entity_type = 'staff' AND entity_id = $1 ORDER BY id`,
      [entityId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(['admin']);
  });
  afterAll(async () => t.close());

  it('creates an account, lists it with roles, status and last login', async () => {
    const email = uniqueEmail('new');
    const res = await create({
      email,
      name: 'Nadia New',
      roles: ['specialist', 'followup'],
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    const created = StaffMember.parse(res.json());
    expect(created).toMatchObject({
      email,
      roles: ['specialist', 'followup'],
      disabled: false,
      lastLoginAt: null,
    });
    expect(res.body).not.toContain('password');

    await login(t.app, email, TEST_PASSWORD);
    const list = await t.app.inject({ url: '/api/staff?q=nadia', headers: admin.headers });
    const page = StaffPage.parse(list.json());
    expect(page.total).toBe(1);
    expect(page.items[0]?.lastLoginAt).not.toBeNull();
    const rows = await auditOf(created.id);
    expect(rows[0]).toEqual({
      action: 'create',
      fields: ['email', 'name', 'roles', 'password'],
      actor_id: admin.me.staff.id,
    });
  });

  it('names the field when input is wrong', async () => {
    const short = await create({
      email: uniqueEmail('short'),
      name: 'S',
      roles: ['specialist'],
      password: 'too short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([
      { path: 'password', message: 'must be at least 12 characters' },
    ]);
    const noRole = await create({
      email: uniqueEmail('norole'),
      name: 'S',
      roles: [],
      password: TEST_PASSWORD,
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.fields[0].path).toBe('body.roles');
    const badRole = await create({
      email: uniqueEmail('bad'),
      name: 'S',
      roles: ['wizard'],
      password: TEST_PASSWORD,
    });
    expect(badRole.json().error.fields[0].path).toBe('body.roles.0');
    const email = uniqueEmail('dup');
    await create({ email, name: 'A', roles: ['specialist'], password: TEST_PASSWORD });
    const dup = await create({
      email: email.toUpperCase(),
      name: 'B',
      roles: ['specialist'],
      password: TEST_PASSWORD,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('changes name and roles, auditing field names only', async () => {
    const person = await t.signIn(['specialist']);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/${person.me.staff.id}`,
      headers: admin.headers,
      payload: { name: 'Renamed Person', roles: ['specialist', 'supervisor'], locale: 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed Person', roles: ['specialist', 'supervisor'] });
    const rows = await auditOf(person.me.staff.id);
    const update = rows.find((r) => r.action === 'update');
    expect(update?.fields).toEqual(['name', 'roles']); // locale did not change
    const all = JSON.stringify(await t.database.query(`SELECT * FROM audit_log`));
    expect(all).not.toContain('Renamed Person');
    // The new roles apply at once to the open session.
    const me = await t.app.inject({ url: '/api/auth/me', headers: person.headers });
    expect(me.json().staff.roles).toEqual(['specialist', 'supervisor']);
    // The same roles in another order are no change: no second audit row.
    const reordered = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/${person.me.staff.id}`,
      headers: admin.headers,
      payload: { roles: ['supervisor', 'specialist', 'supervisor'] },
    });
    expect(reordered.json().roles).toEqual(['specialist', 'supervisor']);
    expect((await auditOf(person.me.staff.id)).filter((r) => r.action === 'update')).toHaveLength(1);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/${person.me.staff.id}`,
      headers: admin.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });

  it('writes the audit row in the same transaction as the change', async () => {
    const person = await t.signIn(['specialist']);
    // Make the audit insert fail for this one record: the change must roll back with it.
    await t.database.exec(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.entity_id = '${person.me.staff.id}' AND NEW.action = 'update' THEN RAISE EXCEPTION 'audit refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();`);
    try {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/staff/${person.me.staff.id}`,
        headers: admin.headers,
        payload: { name: 'Should Not Stick' },
      });
      expect(res.statusCode).toBe(500);
      const [row] = await t.database.query<{ name: string }>(`SELECT name FROM staff WHERE id = $1`, [
        person.me.staff.id,
      ]);
      expect(row?.name).not.toBe('Should Not Stick');
    } finally {
      await t.database.exec(
        `DROP TRIGGER test_refuse_audit ON audit_log; DROP FUNCTION test_refuse_audit();`,
      );
    }
  });

  it('disables (ending sessions at once) and enables', async () => {
    const person = await t.signIn(['followup']);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.me.staff.id}/disable`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true });
    expect((await t.app.inject({ url: '/api/auth/me', headers: person.headers })).statusCode).toBe(401);
    const [count] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions WHERE staff_id = $1`,
      [person.me.staff.id],
    );
    expect(count?.n).toBe(0);
    const enabled = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.me.staff.id}/enable`,
      headers: admin.headers,
    });
    expect(enabled.json()).toMatchObject({ disabled: false, disabledAt: null });
    await login(t.app, person.me.staff.email, TEST_PASSWORD);
    expect((await auditOf(person.me.staff.id)).map((r) => r.action)).toEqual([
      'create',
      'login',
      'disable',
      'enable',
      'login',
    ]);
  });

  it('an admin cannot disable themselves, nor remove the last admin', async () => {
    const t2 = await createTestApp();
    try {
      const only = await t2.signIn(['admin']);
      const self = await t2.app.inject({
        method: 'POST',
        url: `/api/staff/${only.me.staff.id}/disable`,
        headers: only.headers,
      });
      expect(self.statusCode).toBe(409);
      expect(self.json().error.message).toMatch(/your own account/);
      const demote = await t2.app.inject({
        method: 'PATCH',
        url: `/api/staff/${only.me.staff.id}`,
        headers: only.headers,
        payload: { roles: ['supervisor'] },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error.message).toMatch(/last active admin/);
      const other = await t2.signIn(['admin']);
      // Now there are two: one may disable the other, but then the survivor is the last.
      const ok = await t2.app.inject({
        method: 'POST',
        url: `/api/staff/${other.me.staff.id}/disable`,
        headers: only.headers,
      });
      expect(ok.statusCode).toBe(200);
      const last = await t2.app.inject({
        method: 'PATCH',
        url: `/api/staff/${only.me.staff.id}`,
        headers: only.headers,
        payload: { roles: ['supervisor'] },
      });
      expect(last.statusCode).toBe(409);
    } finally {
      await t2.close();
    }
  });

  it('two admins disabling each other at once leave one admin', async () => {
    const t2 = await createTestApp();
    try {
      const a = await t2.signIn(['admin']);
      const b = await t2.signIn(['admin']);
      const [ra, rb] = await Promise.all([
        t2.app.inject({ method: 'POST', url: `/api/staff/${b.me.staff.id}/disable`, headers: a.headers }),
        t2.app.inject({ method: 'POST', url: `/api/staff/${a.me.staff.id}/disable`, headers: b.headers }),
      ]);
      const codes = [ra.statusCode, rb.statusCode].sort();
      // The loser is either refused (last admin) or already signed out (its session ended with the account).
      expect(codes[0]).toBe(200);
      expect([401, 409]).toContain(codes[1]);
      const [n] = await t2.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM staff WHERE disabled_at IS NULL AND 'admin' = ANY(roles)`,
      );
      expect(n?.n).toBe(1);
    } finally {
      await t2.close();
    }
  });

  it('resets a password: old sessions end, the new password works, the old one does not', async () => {
    const person = await t.signIn(['editor']);
    const newPassword = 'a brand new long password';
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.me.staff.id}/reset-password`,
      headers: admin.headers,
      payload: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.me.staff.id}/reset-password`,
      headers: admin.headers,
      payload: { password: newPassword },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: person.headers })).statusCode).toBe(401);
    await expect(login(t.app, person.me.staff.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    await login(t.app, person.me.staff.email, newPassword);
    const rows = await auditOf(person.me.staff.id);
    expect(rows.find((r) => r.action === 'password_reset')?.fields).toEqual(['password']);
    expect(JSON.stringify(await t.database.query(`SELECT * FROM audit_log`))).not.toContain(newPassword);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/staff/00000000-0000-4000-8000-000000000000/disable',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({ url: '/api/staff/not-an-id', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('params.id');
  });

  it('the CLI creates, lists, resets and disables accounts', async () => {
    const cli = (name: string, flags: Record<string, string> = {}) =>
      runCommand(staffCommands[name], t, flags);
    const email = uniqueEmail('cli');
    const created = await cli('staff:create', {
      email,
      name: 'Cli Person',
      roles: 'supervisor,admin',
      password: TEST_PASSWORD,
    });
    expect(created.at(-1)).toMatch(new RegExp(`Created ${email} \\(supervisor, admin\\)`));
    const session = await login(t.app, email, TEST_PASSWORD);
    const listed = await cli('staff:list');
    expect(
      listed.some((l) => l.startsWith(email) && l.includes('supervisor,admin') && l.includes('active')),
    ).toBe(true);
    await expect(
      cli('staff:create', { email: uniqueEmail('x'), name: 'X', roles: 'wizard', password: TEST_PASSWORD }),
    ).rejects.toThrow(/--roles/);
    await expect(cli('staff:reset-password', { email, password: 'short' })).rejects.toThrow(/12 characters/);
    await cli('staff:reset-password', { email, password: 'cli reset password!' });
    expect((await t.app.inject({ url: '/api/auth/me', headers: session.headers })).statusCode).toBe(401);
    const again = await login(t.app, email, 'cli reset password!');
    // A lost phone: the CLI removes two-step verification, as the admin screen does.
    await t.database.query(
      `UPDATE staff SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled_at = now() WHERE email = $1`,
      [email],
    );
    const reset = await cli('staff:reset-totp', { email });
    expect(reset.at(-1)).toBe(`Two-step verification removed for ${email}; their sessions have ended`);
    const [totp] = await t.database.query<{ totp_secret: string | null; totp_enabled_at: Date | null }>(
      `SELECT totp_secret, totp_enabled_at FROM staff WHERE email = $1`,
      [email],
    );
    expect(totp).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect((await t.app.inject({ url: '/api/auth/me', headers: again.headers })).statusCode).toBe(401);
    const last = await login(t.app, email, 'cli reset password!');
    await cli('staff:disable', { email });
    expect((await t.app.inject({ url: '/api/auth/me', headers: last.headers })).statusCode).toBe(401);
    const [row] = await t.database.query<{ actor_type: string; actor_name: string }>(
      `SELECT actor_type, actor_name FROM audit_log WHERE action = 'disable' ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toEqual({ actor_type: 'system', actor_name: 'cli' });
  });

  it('only admins reach staff management', async () => {
    const supervisor = await t.signIn(['supervisor', 'specialist', 'editor', 'followup']);
    expect((await t.app.inject({ url: '/api/staff', headers: supervisor.headers })).statusCode).toBe(403);
    expect(
      (
        await create(
          { email: uniqueEmail('no'), name: 'N', roles: ['admin'], password: TEST_PASSWORD },
          supervisor,
        )
      ).statusCode,
    ).toBe(403);
  });
});
