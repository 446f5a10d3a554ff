import { randomUUID } from 'node:crypto';
import type { Contact, FollowUpInput } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';

/**
 * Data-level access, walked as a table: every contact route × who is asking × how they relate to the contact.
 * Allowed means the route did its work (or refused the request on its merits), denied means 403.
 */

let t: TestApp;
const who: Record<string, SignedIn> = {};

beforeAll(async () => {
  t = await createTestApp();
  who.owner = await t.signIn(['specialist']);
  who.otherSpecialist = await t.signIn(['specialist']);
  who.supervisor = await t.signIn(['supervisor']);
  who.assignee = await t.signIn(['followup']);
  who.poolStaff = await t.signIn(['followup']);
  who.unrelatedFollowUp = await t.signIn(['followup']);
  who.editor = await t.signIn(['editor']);
  who.admin = await t.signIn(['admin']);
});
afterAll(async () => t.close());

const due = () => new Date(Date.now() + 86_400_000).toISOString();

/** How the contact relates to the asker: which follow-ups it carries. */
type Relation = 'assigned' | 'pool' | 'donePool' | 'noFollowUp';

async function contactWith(relation: Relation): Promise<Contact> {
  const followUps: FollowUpInput[] =
    relation === 'assigned'
      ? [{ id: randomUUID(), dueAt: due(), assignedToId: who.assignee?.me.staff.id }]
      : relation === 'pool' || relation === 'donePool'
        ? [{ id: randomUUID(), dueAt: due(), assignedToId: null }]
        : [];
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/contacts',
    headers: who.owner?.headers,
    payload: { channel: 'phone', caller: { phone: `613555${String(Math.random()).slice(2, 6)}` }, followUps },
  });
  expect(res.statusCode, res.body).toBe(201);
  const contact = res.json<Contact>();
  if (relation === 'donePool')
    await t.database.query(`UPDATE follow_ups SET status = 'done' WHERE contact_id = $1`, [contact.id]);
  return contact;
}

interface Route {
  name: string;
  kind: 'read' | 'write' | 'lookup' | 'supervise';
  request: (c: Contact) => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object };
}

const routes: Route[] = [
  { name: 'GET /:id', kind: 'read', request: (c) => ({ method: 'GET', url: `/api/contacts/${c.id}` }) },
  {
    name: 'GET /:id/timeline',
    kind: 'read',
    request: (c) => ({ method: 'GET', url: `/api/contacts/${c.id}/timeline` }),
  },
  {
    name: 'GET /:id/phone',
    kind: 'read',
    request: (c) => ({ method: 'GET', url: `/api/contacts/${c.id}/phone` }),
  },
  {
    name: 'GET /:id/referral-summary',
    kind: 'read',
    request: (c) => ({ method: 'GET', url: `/api/contacts/${c.id}/referral-summary` }),
  },
  {
    name: 'PATCH /:id',
    kind: 'write',
    request: (c) => ({
      method: 'PATCH',
      url: `/api/contacts/${c.id}`,
      payload: { version: c.version, notes: 'x' },
    }),
  },
  {
    name: 'POST /:id/close',
    kind: 'write',
    request: (c) => ({ method: 'POST', url: `/api/contacts/${c.id}/close`, payload: { version: c.version } }),
  },
  {
    name: 'POST /callers/lookup',
    kind: 'lookup',
    request: (c) => ({
      method: 'POST',
      url: '/api/contacts/callers/lookup',
      payload: { contactId: c.id, reason: 'Checking a safety concern' },
    }),
  },
  {
    name: 'POST /:id/crisis/acknowledge',
    kind: 'supervise',
    request: (c) => ({ method: 'POST', url: `/api/contacts/${c.id}/crisis/acknowledge`, payload: {} }),
  },
];

/** Who asks, about which contact, and which kinds of route they may use on it. */
const askers: Array<{ asker: string; relation: Relation; allowed: Route['kind'][] }> = [
  { asker: 'owner', relation: 'noFollowUp', allowed: ['read', 'write', 'lookup'] },
  { asker: 'otherSpecialist', relation: 'assigned', allowed: [] },
  { asker: 'supervisor', relation: 'noFollowUp', allowed: ['read', 'write', 'lookup', 'supervise'] },
  { asker: 'assignee', relation: 'assigned', allowed: ['read'] },
  { asker: 'poolStaff', relation: 'pool', allowed: ['read'] },
  { asker: 'poolStaff', relation: 'donePool', allowed: [] },
  // The contact has a follow-up, but it is assigned to someone else.
  { asker: 'unrelatedFollowUp', relation: 'assigned', allowed: [] },
  { asker: 'unrelatedFollowUp', relation: 'noFollowUp', allowed: [] },
  { asker: 'editor', relation: 'pool', allowed: [] },
  { asker: 'admin', relation: 'assigned', allowed: [] },
];

const cases = askers.flatMap((a) =>
  routes.map((r) => ({ ...a, route: r, expected: a.allowed.includes(r.kind) ? 'allowed' : 'denied' })),
);

describe('who may use which contact route', () => {
  it.each(cases)(
    '$route.name by $asker ($relation): $expected',
    async ({ asker, relation, route, expected }) => {
      const contact = await contactWith(relation);
      const res = await t.app.inject({ ...route.request(contact), headers: who[asker]?.headers });
      if (expected === 'denied') expect(res.statusCode, res.body).toBe(403);
      else expect([200, 400], res.body).toContain(res.statusCode);
    },
  );
});
