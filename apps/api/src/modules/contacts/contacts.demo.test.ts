import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cli/demo';
import { createTestApp, type TestApp } from '../../test/helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('demo contacts', () => {
  it('seeds a few contacts of the demo specialist once', async () => {
    await seedDemo(t.systemCtx);
    await seedDemo(t.systemCtx);
    const rows = await t.database.query<{ status: string; n: number }>(
      `SELECT c.status, count(*)::int AS n FROM contacts c JOIN staff s ON s.id = c.specialist_id
       WHERE s.email = 'specialist@demo.relais' GROUP BY c.status ORDER BY c.status`,
    );
    expect(rows).toEqual([
      { status: 'closed', n: 3 },
      { status: 'draft', n: 1 },
    ]);
  });
});
