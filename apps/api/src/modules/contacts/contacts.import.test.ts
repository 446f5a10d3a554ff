import type { ImportReport } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/context';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { seedDirectoryFixture, type DirectoryFixture } from './contacts.fixtures';
import { importContacts } from './import-contacts';

let t: TestApp;
let fx: DirectoryFixture;
let sup: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedDirectoryFixture(t.database);
  sup = await t.signIn(['supervisor']);
});
afterAll(async () => t.close());

const line = (externalId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    externalId,
    channel: 'phone',
    startedAt: '2025-03-04T14:00:00-05:00',
    endedAt: '2025-03-04T14:09:30-05:00',
    disposition: 'referral_given',
    caller: {
      ageGroup: 'adult',
      gender: 'man',
      language: 'en',
      location: { municipality: 'Sudbury', fsa: 'P3A' },
      phone: '705-555-0142',
    },
    needs: [
      {
        termId: 'FOOD-BANK',
        referrals: [
          { serviceId: fx.services[0]?.id, serviceName: 'Sudbury Food Bank', servicePhone: '705-555-0100' },
        ],
      },
      { termId: 'HOUSING', unmetReason: 'waitlist_full' },
    ],
    ...extra,
  });

const importBody = (who: SignedIn, body: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/contacts/import',
    payload: body,
    headers: { ...who.headers, 'content-type': 'application/x-ndjson' },
  });

describe('bulk import (NDJSON)', () => {
  it('commits good lines, reports bad ones by line number, and creates nothing twice on re-import', async () => {
    const file = [
      line('old-1'),
      '{ not json',
      line('old-2', { caller: { ageGroup: 'adult', gender: 'man', location: { fsa: 'ZZZ' } } }),
      '',
      line('old-3', { needs: [{ termId: 'NOPE', unmetReason: 'cost' }] }),
      line('old-4', { needs: [{ termId: 'FOOD' }] }),
      line('old-1'),
      line('old-5', { noNeed: true, needs: [], disposition: 'wrong_number' }),
    ].join('\n');
    const res = await importBody(sup, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ImportReport>();
    expect(report).toMatchObject({ lines: 7, created: 2, alreadyImported: 0, rejectedCount: 5 });
    expect(report.rejected.map((r) => [r.line, r.errors[0]?.path])).toEqual([
      [2, '(line)'],
      [3, 'caller.location.fsa'],
      [5, 'needs.0.termId'],
      [6, 'needs.0'],
      [7, 'externalId'],
    ]);
    const stored = await t.database.query<{ status: string; phone: string; needs: number; refs: number }>(
      `SELECT c.status, c.caller_phone_digits AS phone,
         (SELECT count(*)::int FROM contact_needs n WHERE n.contact_id = c.id) AS needs,
         (SELECT count(*)::int FROM contact_referrals r WHERE r.contact_id = c.id) AS refs
       FROM contacts c WHERE external_id = 'old-1'`,
    );
    expect(stored).toEqual([{ status: 'closed', phone: '7055550142', needs: 2, refs: 1 }]);

    const again = await importBody(sup, file);
    expect(again.json<ImportReport>()).toMatchObject({ created: 0, alreadyImported: 2, rejectedCount: 5 });
    const count = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE external_id LIKE 'old-%'`,
    );
    expect(count[0]?.n).toBe(2);
  });

  it('imports in batches through the CLI code path, with an audit row per contact', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => line(`batch-${i}`));
    const report = await importContacts({
      ctx: { db: t.database.db, actor: systemActor('test') },
      lines,
      batchSize: 10,
    });
    expect(report).toMatchObject({ lines: 25, created: 25, rejectedCount: 0 });
    const audit = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN contacts c ON c.id::text = a.entity_id
       WHERE a.action = 'import' AND c.external_id LIKE 'batch-%'`,
    );
    expect(audit[0]?.n).toBe(25);
  });

  it('is closed to specialists', async () => {
    const spec = await t.signIn(['specialist']);
    expect((await importBody(spec, line('x'))).statusCode).toBe(403);
  });
});
