import type { ApiKey, CreatedApiKey, Role, Scope, StaffMember } from '@relais/contracts';
import { http, HttpResponse } from 'msw';
import { errorBody } from '../../../test/fixtures';
import { server } from '../../../test/server';

const at = '2026-11-20T14:00:00.000Z';

export function member(overrides: Partial<StaffMember> & { name: string; roles: Role[] }): StaffMember {
  return {
    id: crypto.randomUUID(),
    email: `${overrides.name.split(' ')[0]?.toLowerCase()}@centre.test`,
    locale: 'en',
    disabled: false,
    disabledAt: null,
    lastLoginAt: at,
    createdAt: at,
    ...overrides,
  };
}

/** An in-memory staff and API-key API behind MSW, recording what the console sent. */
export function fakeStaffApi(initial: StaffMember[], keys: ApiKey[] = []) {
  const staff = [...initial];
  const apiKeys = [...keys];
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  const record = async (request: Request) => {
    const text = await request.text();
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  const find = (id: unknown) => staff.find((s) => s.id === id);

  server.use(
    http.get('/api/staff', ({ request }) => {
      const url = new URL(request.url);
      const q = url.searchParams.get('q')?.toLowerCase() ?? '';
      const status = url.searchParams.get('status') ?? 'all';
      const items = staff.filter(
        (s) =>
          (!q || s.name.toLowerCase().includes(q) || s.email.includes(q)) &&
          (status === 'all' || (status === 'disabled') === s.disabled),
      );
      return HttpResponse.json({ items, total: items.length, page: 1, perPage: 50 });
    }),
    http.post('/api/staff', async ({ request }) => {
      await record(request);
      const body = sent.at(-1)?.body as { email: string; name: string; roles: Role[] };
      if (staff.some((s) => s.email === body.email)) {
        return HttpResponse.json(errorBody('conflict', `${body.email} already has an account`), {
          status: 409,
        });
      }
      const created = member({ ...body, lastLoginAt: null });
      staff.push(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.patch('/api/staff/:id', async ({ request, params }) => {
      await record(request);
      const target = find(params.id);
      if (!target)
        return HttpResponse.json(errorBody('not_found', 'Staff member was not found'), { status: 404 });
      const changes = sent.at(-1)?.body as Partial<StaffMember>;
      const admins = staff.filter((s) => s.roles.includes('admin') && !s.disabled);
      if (changes.roles && !changes.roles.includes('admin') && admins.length === 1 && admins[0] === target) {
        return HttpResponse.json(errorBody('conflict', 'This is the last active admin'), { status: 409 });
      }
      Object.assign(target, changes);
      return HttpResponse.json(target);
    }),
    http.post('/api/staff/:id/:action', async ({ request, params }) => {
      await record(request);
      const target = find(params.id);
      if (!target)
        return HttpResponse.json(errorBody('not_found', 'Staff member was not found'), { status: 404 });
      if (params.action === 'disable') {
        const admins = staff.filter((s) => s.roles.includes('admin') && !s.disabled);
        if (target.roles.includes('admin') && admins.length === 1) {
          return HttpResponse.json(errorBody('conflict', 'This is the last active admin'), { status: 409 });
        }
        Object.assign(target, { disabled: true, disabledAt: new Date().toISOString() });
      }
      if (params.action === 'enable') Object.assign(target, { disabled: false, disabledAt: null });
      if (params.action === 'reset-totp') Object.assign(target, { totpEnabled: false });
      return HttpResponse.json(target);
    }),
    http.get('/api/api-keys', () => HttpResponse.json({ items: apiKeys })),
    http.post('/api/api-keys', async ({ request }) => {
      await record(request);
      const body = sent.at(-1)?.body as { name: string; scopes: Scope[] };
      const key = `rls_${crypto.randomUUID().replace(/-/g, '')}`;
      const created: CreatedApiKey = {
        id: crypto.randomUUID(),
        name: body.name,
        scopes: body.scopes,
        prefix: key.slice(0, 12),
        createdAt: new Date().toISOString(),
        createdBy: null,
        lastUsedAt: null,
        revokedAt: null,
        key,
      };
      const { key: _secret, ...stored } = created;
      apiKeys.unshift(stored);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.post('/api/api-keys/:id/revoke', async ({ request, params }) => {
      await record(request);
      const target = apiKeys.find((k) => k.id === params.id);
      if (!target) return HttpResponse.json(errorBody('not_found', 'API key was not found'), { status: 404 });
      target.revokedAt = new Date().toISOString();
      return HttpResponse.json(target);
    }),
  );
  return { staff, apiKeys, sent };
}
