import { randomUUID } from 'node:crypto';
import type { CreateContactRequest } from '@relais/contracts';
import type { Database } from '@relais/db';
import type { Config } from '../../config';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';

/** Test and benchmark data: a few taxonomy terms and directory services (the directory module owns the real ones). */

export interface DirectoryFixture {
  services: Array<{ id: string; locationId: string; name: string; phone: string }>;
}

const CATEGORIES: Array<[string, string, string]> = [
  ['FOOD', 'Food', 'Alimentation'],
  ['HOUSING', 'Housing', 'Logement'],
  ['MENTAL', 'Mental Health and Addictions', 'Santé mentale et dépendances'],
  ['INCOME', 'Income Support / Assistance', 'Soutien du revenu / assistance sociale'],
];

export async function seedDirectoryFixture(database: Database, serviceCount = 4): Promise<DirectoryFixture> {
  const existing = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM taxonomy_terms WHERE id = 'FOOD'`,
  );
  if (!existing[0]?.n) {
    for (const [id, en, fr] of CATEGORIES)
      await database.query(`INSERT INTO taxonomy_terms (id, name_en, name_fr) VALUES ($1, $2, $3)`, [
        id,
        en,
        fr,
      ]);
    await database.query(
      `INSERT INTO taxonomy_terms (id, parent_id, name_en, name_fr) VALUES ('FOOD-BANK', 'FOOD', 'Food banks', 'Banques alimentaires')`,
    );
  }
  const orgId = randomUUID();
  await database.query(
    `INSERT INTO organizations (id, name_en, name_fr) VALUES ($1, 'Fixture org', 'Org. test')`,
    [orgId],
  );
  const services: DirectoryFixture['services'] = [];
  for (let i = 0; i < serviceCount; i++) {
    const id = randomUUID();
    const locationId = randomUUID();
    const name = `Service ${i + 1} ${orgId.slice(0, 4)}`;
    const phone = `807-555-01${String(i).padStart(2, '0')}`;
    await database.query(
      `INSERT INTO services (id, organization_id, name_en, name_fr) VALUES ($1, $2, $3, $4)`,
      [id, orgId, name, `${name} (fr)`],
    );
    await database.query(
      `INSERT INTO locations (id, organization_id, name_en, address_1, city) VALUES ($1, $2, $3, '12 Main St', 'Thunder Bay')`,
      [locationId, orgId, `Site ${i + 1}`],
    );
    await database.query(`INSERT INTO phones (service_id, number) VALUES ($1, $2)`, [id, phone]);
    services.push({ id, locationId, name, phone });
  }
  return { services };
}

/** A complete contact document: 3 needs, 2 met by referrals and 1 unmet (waitlist). */
export function completeContact(
  fx: DirectoryFixture,
  extra: Partial<CreateContactRequest> = {},
): CreateContactRequest {
  const [a, b] = fx.services;
  if (!a || !b) throw new Error('fixture needs two services');
  return {
    channel: 'phone',
    lineId: 'general',
    disposition: 'referral_given',
    caller: {
      ageGroup: 'senior',
      gender: 'woman',
      language: 'fr',
      location: { municipality: 'Kenora', fsa: 'P9N' },
      relation: 'self',
      phone: '(807) 555-0123',
    },
    needs: [
      {
        id: randomUUID(),
        termId: 'FOOD-BANK',
        referrals: [{ id: randomUUID(), serviceId: a.id, locationId: a.locationId, kind: 'referral' }],
      },
      {
        id: randomUUID(),
        termId: 'HOUSING',
        referrals: [{ id: randomUUID(), serviceId: b.id, kind: 'warm_transfer' }],
      },
      { id: randomUUID(), termId: 'INCOME', unmetReason: 'waitlist_full', referrals: [] },
    ],
    ...extra,
  };
}

export interface ContactsTestbed {
  t: TestApp;
  fx: DirectoryFixture;
  spec: SignedIn;
  spec2: SignedIn;
  sup: SignedIn;
}

/** A test app with the fixture directory, two specialists and a supervisor signed in. */
export async function contactsTestbed(config: Partial<Config> = {}): Promise<ContactsTestbed> {
  const t = await createTestApp(config);
  return {
    t,
    fx: await seedDirectoryFixture(t.database),
    spec: await t.signIn(['specialist']),
    spec2: await t.signIn(['specialist']),
    sup: await t.signIn(['supervisor']),
  };
}
