import { rows } from '@relais/db';
import { randomUUID } from 'node:crypto';
import { CreateContactRequest } from '@relais/contracts';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';
import { closeContact } from './close-contact';
import { createContact } from './create-contact';

/**
 * Demo mode: a handful of contacts taken by the demo specialist (closed ones for the supervisor's search,
 * a crisis draft with its follow-up). Runs once: nothing is added when contacts already exist.
 */
export async function seedDemoContacts(ctx: ServiceContext) {
  const [existing] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM contacts`);
  if (existing?.n) return;
  const [specialist] = await rows<{ id: string; name: string; email: string }>(
    ctx.db,
    sql`SELECT id, name, email FROM staff WHERE email = 'specialist@demo.relais'`,
  );
  const categories = (
    await rows<{ id: string }>(ctx.db, sql`SELECT id FROM taxonomy_terms WHERE parent_id IS NULL ORDER BY id`)
  ).map((r) => r.id);
  const services = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT id FROM services WHERE status = 'active' ORDER BY name_en NULLS LAST, id LIMIT 6`,
  );
  if (!specialist || categories.length < 3 || services.length < 3) return;
  const as: ServiceContext = {
    ...ctx,
    actor: { type: 'staff', roles: ['specialist'], sessionId: 'demo', csrfToken: 'demo', ...specialist },
  };
  const category = (wanted: string, i: number) =>
    categories.includes(wanted) ? wanted : (categories[i % categories.length] ?? wanted);
  const referral = (i: number) => [{ id: randomUUID(), serviceId: services[i % services.length]?.id }];
  const day = (daysAgo: number, hour: number) =>
    new Date(Date.now() - daysAgo * 86_400_000 - (Date.now() % 86_400_000) + hour * 3_600_000).toISOString();

  const contacts: Array<{ body: CreateContactRequest; close: boolean }> = [
    {
      close: true,
      body: {
        channel: 'phone',
        startedAt: day(2, 14),
        endedAt: day(2, 14.2),
        disposition: 'referral_given',
        caller: {
          ageGroup: 'senior',
          gender: 'woman',
          language: 'fr',
          location: { municipality: 'Thunder Bay', fsa: 'P7B' },
          relation: 'self',
          phone: '807-555-0142',
        },
        needs: [
          { id: randomUUID(), termId: category('FOOD', 0), referrals: referral(0) },
          { id: randomUUID(), termId: category('HOUSING', 1), referrals: [], unmetReason: 'waitlist_full' },
        ],
      },
    },
    {
      close: true,
      body: {
        channel: 'chat',
        startedAt: day(1, 10),
        endedAt: day(1, 10.3),
        disposition: 'referral_given',
        caller: {
          ageGroup: 'youth',
          gender: 'undisclosed',
          language: 'en',
          location: { municipality: 'Ottawa' },
          relation: 'self',
        },
        needs: [{ id: randomUUID(), termId: category('MENTAL', 2), referrals: referral(1) }],
      },
    },
    {
      close: true,
      body: {
        channel: 'phone',
        startedAt: day(1, 16),
        endedAt: day(1, 16.01),
        disposition: 'wrong_number',
        noNeed: true,
        caller: { ageGroup: 'undisclosed', gender: 'undisclosed', location: { undisclosed: true } },
      },
    },
    {
      close: false,
      body: {
        channel: 'phone',
        disposition: 'crisis',
        crisisFlags: ['danger_to_self'],
        caller: { ageGroup: 'adult', gender: 'man', language: 'en', location: { municipality: 'Sudbury' } },
        needs: [{ id: randomUUID(), termId: category('MENTAL', 2), referrals: referral(2) }],
        followUps: [{ id: randomUUID(), dueAt: new Date(Date.now() + 86_400_000).toISOString() }],
      },
    },
  ];
  for (const { body, close } of contacts) {
    const created = await createContact({
      ctx: as,
      input: CreateContactRequest.parse(body),
    });
    if (close) await closeContact({ ctx: as, id: created.body.id, input: { version: created.body.version } });
  }
}
