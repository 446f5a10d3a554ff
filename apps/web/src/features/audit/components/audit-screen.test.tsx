import type { AuditEntry } from '@relais/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { featureRoutes } from '../routes';

const sam = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Sam Specialist' };
const contactId = '11111111-1111-4111-8111-111111111111';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-20T14:05:00.000Z',
  actorType: 'staff',
  actorId: sam.id,
  actorName: sam.name,
  action: 'read',
  entityType: 'contact',
  entityId: contactId,
  fields: ['phone', 'notes'],
  requestId: 'r1',
  ...overrides,
});

function fakeAuditApi(items: AuditEntry[], total = items.length) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get('/api/audit', ({ request }) => {
      const params = new URL(request.url).searchParams;
      queries.push(params);
      const action = params.get('action');
      const actorId = params.get('actorId');
      const found = items.filter(
        (i) => (!action || i.action === action) && (!actorId || i.actorId === actorId),
      );
      return HttpResponse.json({
        items: found,
        total: action || actorId ? found.length : total,
        page: Number(params.get('page') ?? 1),
        perPage: 50,
      });
    }),
    http.get('/api/audit/actors', () =>
      HttpResponse.json({
        items: [
          { ...sam, type: 'staff' },
          { id: 'c6b4e3b8-723c-4277-a9ea-ce55e5d6c0ab', name: 'Telephony', type: 'api_key' },
        ],
      }),
    ),
  );
  return queries;
}

function open(roles: Parameters<typeof meFixture>[0] = ['supervisor'], path = '/audit') {
  signedIn(meFixture(roles));
  return renderApp({ path, features: featureRoutes });
}

describe('audit trail screen', () => {
  it('shows who opened which contact, with the fields, never values', async () => {
    fakeAuditApi([
      entry({ id: 2, action: 'update', fields: ['notes'], at: '2026-11-20T14:09:00.000Z' }),
      entry({ id: 1 }),
      entry({
        id: 3,
        actorType: 'api_key',
        actorId: null,
        actorName: 'Telephony',
        action: 'create',
        entityId: 'x-1',
        fields: null,
      }),
    ]);
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeInTheDocument();
    const rows = await screen.findAllByRole('row');
    const opened = within(rows[2] as HTMLElement);
    expect(opened.getByRole('button', { name: 'Sam Specialist' })).toBeInTheDocument();
    expect(opened.getByText('Opened')).toBeInTheDocument();
    expect(opened.getByText('Contact')).toBeInTheDocument();
    expect(opened.getByText('phone, notes')).toBeInTheDocument();
    expect(opened.getByRole('link', { name: 'Open the contact' })).toHaveAttribute(
      'href',
      `/contacts/${contactId}`,
    );
    expect(within(rows[1] as HTMLElement).getByText('Changed')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText('(API key)')).toBeInTheDocument();
    expect(screen.getByText('3 entries')).toBeInTheDocument();
  });

  it('filters by person and action, through the URL', async () => {
    const queries = fakeAuditApi([entry({ id: 1 }), entry({ id: 2, action: 'update' })]);
    const { user, router } = open();
    await screen.findByText('2 entries');
    await user.selectOptions(screen.getByLabelText('Who'), 'Sam Specialist');
    await user.selectOptions(screen.getByLabelText('Action'), 'Opened');
    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('1 entry')).toBeInTheDocument();
    const last = queries.at(-1);
    expect(last?.get('actorId')).toBe(sam.id);
    expect(last?.get('action')).toBe('read');
    expect(last?.get('from')).toBe('2026-11-01');
    expect(router.state.location.search).toContain('action=read');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('2 entries')).toBeInTheDocument();
  });

  it('refuses a date range that ends before it starts', async () => {
    const queries = fakeAuditApi([entry({})]);
    const { user } = open();
    await screen.findByText('1 entry');
    await user.type(screen.getByLabelText('From'), '2026-11-10');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    const before = queries.length;
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByText('The end date is before the start date.')).toBeInTheDocument();
    expect(queries.length).toBe(before);
  });

  it('pages from newest to older', async () => {
    const queries = fakeAuditApi([entry({})], 120);
    const { user } = open();
    expect(await screen.findByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Page 2 of 3')).toBeInTheDocument();
    expect(queries.at(-1)?.get('page')).toBe('2');
  });

  it('is for supervisors and admins only; admins see no contact link', async () => {
    fakeAuditApi([entry({})]);
    open(['admin']);
    expect(await screen.findByText('Opened')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open the contact' })).toBeNull();
  });

  it('refuses specialists', async () => {
    open(['specialist']);
    expect(
      await screen.findByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeInTheDocument();
  });
});
