import { randomUUID } from 'node:crypto';
import type { Contact, CreateContactRequest } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCommands } from '../../cli/retention.commands';
import { loadConfig } from '../../config';
import { systemActor } from '../../lib/context';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { completeContact, seedDirectoryFixture, type DirectoryFixture } from '../contacts/contacts.fixtures';
import { ERASED_FIELDS, runRetention } from './retention.service';

const DAYS = 365;

async function post(t: TestApp, who: SignedIn, url: string, payload: unknown) {
  const res = await t.app.inject({ method: 'POST', url, payload: payload as object, headers: who.headers });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<Contact>();
}

/** Creates and closes a contact through the API; `ageDays` > 0 moves all its dates that many days back. */
async function closedContact(t: TestApp, who: SignedIn, body: CreateContactRequest, ageDays: number) {
  const created = await post(t, who, '/api/contacts', body);
  await post(t, who, `/api/contacts/${created.id}/close`, { version: created.version });
  if (ageDays)
    await t.database.query(
      `UPDATE contacts SET started_at = started_at - make_interval(days => $2), ended_at = ended_at - make_interval(days => $2),
         closed_at = closed_at - make_interval(days => $2) WHERE id = $1`,
      [created.id, ageDays],
    );
  return created.id;
}

/**
 * The anonymous figures a report gives (reports are not built yet): contacts by channel, line, day, age group,
 * gender, language, relation, location, disposition, crisis flag and coded line field; needs by category, term
 * and unmet reason; referrals by service, site and kind; follow-ups by status.
 */
const FIGURES = `
  SELECT 'channel' AS d, channel AS v, count(*)::int AS n FROM contacts GROUP BY 2
  UNION ALL SELECT 'line', line_id, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'day', to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'closed', to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'age', caller_age_group, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'gender', caller_gender, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'language', caller_language, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'relation', caller_relation, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'fsa', caller_fsa, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'municipality', caller_municipality, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'disposition', disposition, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'status', status, count(*) FROM contacts GROUP BY 2
  UNION ALL SELECT 'crisis', f, count(*) FROM contacts, unnest(crisis_flags) f GROUP BY 2
  UNION ALL SELECT 'line field', e.key || '=' || e.value::text, count(*) FROM contacts c, jsonb_each(c.line_fields) e
    WHERE e.key IN ('study_level', 'international_student', 'abuse_type', 'person_at_risk_age_group', 'immediate_danger')
    GROUP BY 2
  UNION ALL SELECT 'category', category_id, count(*) FROM contact_needs GROUP BY 2
  UNION ALL SELECT 'term', term_id, count(*) FROM contact_needs GROUP BY 2
  UNION ALL SELECT 'unmet', unmet_reason, count(*) FROM contact_needs GROUP BY 2
  UNION ALL SELECT 'referral service', service_id::text, count(*) FROM contact_referrals GROUP BY 2
  UNION ALL SELECT 'referral site', location_id::text, count(*) FROM contact_referrals GROUP BY 2
  UNION ALL SELECT 'referral kind', kind, count(*) FROM contact_referrals GROUP BY 2
  UNION ALL SELECT 'follow-up', status, count(*) FROM follow_ups GROUP BY 2
  ORDER BY 1, 2`;

/** Every personal field of these contacts that still holds a value, as "field of contact". */
const PERSONAL = `
  SELECT 'caller.firstName ' || id AS left FROM contacts WHERE id = ANY($1) AND caller_first_name IS NOT NULL
  UNION ALL SELECT 'caller.phone ' || id FROM contacts WHERE id = ANY($1) AND caller_phone_digits IS NOT NULL
  UNION ALL SELECT 'notes ' || id FROM contacts WHERE id = ANY($1) AND notes IS NOT NULL
  UNION ALL SELECT 'noFollowUpReason ' || id FROM contacts WHERE id = ANY($1) AND no_follow_up_reason IS NOT NULL
  UNION ALL SELECT 'lineFields.institution ' || id FROM contacts WHERE id = ANY($1) AND line_fields ? 'institution'
  UNION ALL SELECT 'needs.note ' || contact_id FROM contact_needs WHERE contact_id = ANY($1) AND note IS NOT NULL
  UNION ALL SELECT 'needs.unmetNote ' || contact_id FROM contact_needs WHERE contact_id = ANY($1) AND unmet_note IS NOT NULL
  UNION ALL SELECT 'referrals.note ' || contact_id FROM contact_referrals WHERE contact_id = ANY($1) AND note IS NOT NULL
  UNION ALL SELECT 'followUps.note ' || contact_id FROM follow_ups WHERE contact_id = ANY($1) AND note IS NOT NULL
  UNION ALL SELECT 'followUps.outcome ' || contact_id FROM follow_ups WHERE contact_id = ANY($1) AND outcome IS NOT NULL
  ORDER BY 1`;

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('retention policy', () => {
  let t: TestApp;
  let fx: DirectoryFixture;
  let spec: SignedIn;
  /** Closed more than DAYS ago: in scope. */
  const old: string[] = [];
  /** Out of scope: closed recently, a draft, or closed long ago with a follow-up still open. */
  const kept: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    fx = await seedDirectoryFixture(t.database);
    spec = await t.signIn(['specialist']);
    const [a, b] = fx.services;
    if (!a || !b) throw new Error('fixture needs two services');
    const personal = (name: string, phone: string) => ({ firstName: name, phone });
    const bodies: CreateContactRequest[] = [
      completeContact(fx, {
        notes: 'Lives with her son at 12 Elm St; evicted next week',
        caller: { ...completeContact(fx).caller, ...personal('Amira', '807 555 0101') },
        needs: [
          {
            id: randomUUID(),
            termId: 'FOOD-BANK',
            note: 'Diabetic, needs halal food',
            referrals: [
              { id: randomUUID(), serviceId: a.id, locationId: a.locationId, note: 'Ask for Marie' },
            ],
          },
          {
            id: randomUUID(),
            termId: 'INCOME',
            unmetReason: 'other',
            unmetNote: 'No ID since the fire',
            referrals: [],
          },
        ],
      }),
      completeContact(fx, {
        channel: 'chat',
        lineId: 'student_mental_health',
        disposition: 'information_only',
        caller: {
          ...personal('Jon', '416 555 0102'),
          ageGroup: 'youth',
          gender: 'man',
          language: 'en',
          location: { municipality: 'Toronto', fsa: 'M5S' },
          relation: 'self',
        },
        lineFields: {
          institution: 'Lakehead University',
          study_level: 'university',
          international_student: true,
        },
        needs: [
          {
            id: randomUUID(),
            termId: 'MENTAL',
            note: 'Panic attacks before exams',
            referrals: [],
            unmetReason: 'waitlist_full',
          },
        ],
      }),
      completeContact(fx, {
        channel: 'text',
        lineId: 'abuse_reporting',
        disposition: 'crisis',
        crisisFlags: ['abuse'],
        caller: {
          ageGroup: 'adult',
          gender: 'undisclosed',
          location: { undisclosed: true },
          relation: 'friend',
        },
        lineFields: { abuse_type: 'physical', person_at_risk_age_group: 'child', immediate_danger: false },
        followUps: [{ id: randomUUID(), dueAt: inDays(1), note: 'Call the school counsellor, not the home' }],
      }),
      completeContact(fx, {
        channel: 'phone',
        disposition: 'crisis',
        crisisFlags: ['danger_to_self'],
        noFollowUpReason: 'Staying with her sister Dana tonight',
        caller: {
          ...completeContact(fx).caller,
          ...personal('Lea', '807 555 0104'),
          gender: 'another_gender',
        },
      }),
      completeContact(fx, { channel: 'walk_in', disposition: 'advocacy' }),
    ];
    for (const body of bodies) old.push(await closedContact(t, spec, body, DAYS + 30));
    // The follow-up of the abuse report was done since: its contact is in scope.
    await t.database.query(
      `UPDATE follow_ups SET status = 'done', outcome = 'Reached the counsellor, report filed', completed_at = now()
       WHERE contact_id = $1`,
      [old[2]],
    );
    const recent = completeContact(fx, {
      notes: 'Recent call',
      caller: { ...completeContact(fx).caller, ...personal('Recent', '807 555 0105') },
    });
    kept.push(await closedContact(t, spec, recent, DAYS - 30));
    const draft = await post(t, spec, '/api/contacts', {
      channel: 'phone',
      notes: 'Still on the line',
      caller: personal('Draft', '807 555 0106'),
    });
    await t.database.query(
      `UPDATE contacts SET started_at = started_at - interval '800 days' WHERE id = $1`,
      [draft.id],
    );
    kept.push(draft.id);
    const pending = completeContact(fx, {
      crisisFlags: ['danger_to_others'],
      caller: { ...completeContact(fx).caller, ...personal('Pending', '807 555 0107') },
      followUps: [{ id: randomUUID(), dueAt: inDays(2), note: 'Check on him after court' }],
    });
    kept.push(await closedContact(t, spec, pending, DAYS + 30));
  }, 60_000);
  afterAll(async () => t.close());

  const cli = (flags: Record<string, string>, retentionDays?: number) => {
    const out: string[] = [];
    const command = retentionCommands['retention:run'];
    if (!command) throw new Error('no retention:run command');
    const run = command.run({
      config: { ...t.config, retentionDays },
      database: t.database,
      flags,
      args: [],
      out: (line) => out.push(line),
    });
    return { out, run };
  };

  it('is off when RETENTION_DAYS is unset: the command says so and changes nothing', async () => {
    const before = await t.database.query(PERSONAL, [old]);
    await expect(cli({}).run).rejects.toThrow(/Retention is off: RETENTION_DAYS is not set/);
    expect(await t.database.query(PERSONAL, [old])).toEqual(before);
  });

  it('a dry run prints how many contacts and values of each field it would remove, and changes nothing', async () => {
    const before = await t.database.query(PERSONAL, [[...old, ...kept]]);
    const { out, run } = cli({ 'dry-run': 'true' }, DAYS);
    await run;
    expect(out[0]).toMatch(/^Dry run, nothing changed: 5 contacts closed before .* \(365 days\) would lose/);
    const counts = Object.fromEntries(
      out.slice(1).map((l) => {
        const [field, n] = l.trim().split(/\s+/);
        return [field, Number(n)];
      }),
    );
    expect(counts).toEqual({
      'caller.firstName': 3,
      'caller.phone': 4,
      notes: 1,
      noFollowUpReason: 1,
      'lineFields.text': 1,
      'needs.note': 2,
      'needs.unmetNote': 1,
      'referrals.note': 1,
      'followUps.note': 1,
      'followUps.outcome': 1,
    });
    expect(await t.database.query(PERSONAL, [[...old, ...kept]])).toEqual(before);
    const audit = await t.database.query(
      `SELECT 1 FROM audit_log WHERE action IN ('anonymize', 'retention')`,
    );
    expect(audit).toEqual([]);
  });

  it('removes the personal fields of old closed contacts, keeps every anonymous figure, and is audited', async () => {
    const figures = await t.database.query(FIGURES);
    const keptBefore = await t.database.query(PERSONAL, [kept]);
    expect(await t.database.query(PERSONAL, [old])).not.toEqual([]);

    const report = await runRetention({
      ctx: { db: t.database.db, actor: systemActor('test') },
      input: { days: DAYS },
    });
    expect(report).toMatchObject({ dryRun: false, contacts: 5, busy: false });
    expect(report.fields['caller.phone']).toBe(4);

    expect(await t.database.query(PERSONAL, [old])).toEqual([]);
    expect(await t.database.query(FIGURES)).toEqual(figures);
    expect(await t.database.query(PERSONAL, [kept])).toEqual(keptBefore);
    const [student] = await t.database.query<{ line_fields: unknown }>(
      `SELECT line_fields FROM contacts WHERE id = $1`,
      [old[1]],
    );
    expect(student?.line_fields).toEqual({ study_level: 'university', international_student: true });

    const audit = await t.database.query<{
      action: string;
      entity_type: string;
      entity_id: string;
      fields: string[];
    }>(`SELECT action, entity_type, entity_id, fields FROM audit_log WHERE request_id = $1 ORDER BY id`, [
      report.runId,
    ]);
    expect(
      audit
        .filter((a) => a.action === 'anonymize')
        .map((a) => a.entity_id)
        .sort(),
    ).toEqual([...old].sort());
    expect(audit.filter((a) => a.action === 'retention')).toEqual([
      { action: 'retention', entity_type: 'retention_run', entity_id: report.runId, fields: ERASED_FIELDS },
    ]);
    const runs = await t.database.query(`SELECT days, contacts FROM retention_runs`);
    expect(runs).toEqual([{ days: DAYS, contacts: 5 }]);

    // The contact still reads, without its caller's name or number.
    const sup = await t.signIn(['supervisor']);
    const res = await t.app.inject({ url: `/api/contacts/${old[0]}`, headers: sup.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json<Contact>().caller).toMatchObject({
      firstName: null,
      phoneMasked: null,
      ageGroup: 'senior',
    });

    // Nothing is left to do: a second run changes and audits nothing.
    const again = await runRetention({
      ctx: { db: t.database.db, actor: systemActor('test') },
      input: { days: DAYS },
    });
    expect(again).toMatchObject({ contacts: 0, runId: null });
    const rows = await t.database.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'anonymize'`,
    );
    expect(rows).toEqual([{ n: 5 }]);
  });
});

describe('retention in several processes at once', () => {
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    for (let i = 0; i < 24; i++) {
      const [row] = await t.database.query<{ id: string }>(
        `INSERT INTO contacts (status, channel, line_id, caller_first_name, caller_phone_digits, notes,
           caller_age_group, closed_at)
         VALUES ('closed', 'phone', 'general', 'Name ' || $1::text, '80755501' || lpad($1::text, 2, '0'), 'note',
           'adult', now() - interval '400 days') RETURNING id`,
        [i],
      );
      if (row) ids.push(row.id);
    }
  });
  afterAll(async () => t.close());

  it('never anonymises a contact twice when runs overlap', async () => {
    const run = () =>
      runRetention({
        ctx: { db: t.database.db, actor: systemActor('test') },
        input: { days: DAYS, batchSize: 3 },
      });
    const reports = await Promise.all([run(), run(), run()]);
    const [left] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE caller_first_name IS NOT NULL`,
    );
    expect(left?.n).toBe(0);
    expect(reports.reduce((n, r) => n + r.contacts, 0)).toBe(ids.length);
    const audit = await t.database.query<{ entity_id: string; n: number }>(
      `SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'anonymize' GROUP BY 1`,
    );
    expect(audit).toHaveLength(ids.length);
    expect(audit.every((a) => a.n === 1)).toBe(true);
    const [runs] = await t.database.query<{ n: number }>(
      `SELECT sum(contacts)::int AS n FROM retention_runs`,
    );
    expect(runs?.n).toBe(ids.length);
  });

  it('skips the round while another process holds the retention lock (PostgreSQL server)', async (test) => {
    const pool = t.database.pool;
    if (!pool) return test.skip('PGlite is one connection in one process: its locks never block');
    await t.database.query(`UPDATE contacts SET caller_first_name = 'Again' WHERE id = $1`, [ids[0]]);
    await t.database.query(`DELETE FROM contact_retention WHERE contact_id = $1`, [ids[0]]);
    const holder = await pool.connect();
    try {
      await holder.query(`BEGIN`);
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext('relais:retention'))`);
      const report = await runRetention({
        ctx: { db: t.database.db, actor: systemActor('test') },
        input: { days: DAYS },
      });
      expect(report).toMatchObject({ busy: true, contacts: 0 });
      await holder.query(`COMMIT`);
    } finally {
      holder.release();
    }
    const report = await runRetention({
      ctx: { db: t.database.db, actor: systemActor('test') },
      input: { days: DAYS },
    });
    expect(report).toMatchObject({ busy: false, contacts: 1 });
  });
});

describe('RETENTION_DAYS', () => {
  it('is off when unset or empty, and refuses anything but 30 days or more', () => {
    expect(loadConfig({}).retentionDays).toBeUndefined();
    expect(loadConfig({ RETENTION_DAYS: '' }).retentionDays).toBeUndefined();
    expect(loadConfig({ RETENTION_DAYS: '730' }).retentionDays).toBe(730);
    expect(() => loadConfig({ RETENTION_DAYS: '7' })).toThrow(
      /RETENTION_DAYS: a whole number of days from 30/,
    );
    expect(() => loadConfig({ RETENTION_DAYS: 'two years' })).toThrow(/not "two years"/);
  });
});
