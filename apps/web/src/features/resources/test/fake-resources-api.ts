import type { DueItem, ServiceRecord } from '@relais/contracts';
import { http, HttpResponse } from 'msw';
import { nineToFive, noTexts, SERVICE_TEXTS } from '../../../test/directory';
import { errorBody } from '../../../test/fixtures';
import { server } from '../../../test/server';

const at = '2026-11-20T14:00:00.000Z';

export function serviceRecord(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id: '5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e',
    status: 'active',
    version: 3,
    updatedAt: at,
    lastVerifiedAt: null,
    lastVerifiedBy: null,
    lastVerifiedByName: null,
    organizationId: '7c1f2e3d-4b5a-4968-8776-5f4e3d2c1b0a',
    organizationNameEn: 'Ottawa Food Bank',
    organizationNameFr: 'Banque alimentaire d’Ottawa',
    nameEn: 'Emergency food bank',
    nameFr: 'Banque alimentaire d’urgence',
    ...noTexts(...SERVICE_TEXTS),
    descriptionEn: 'Weekly food hampers',
    url: null,
    email: null,
    minAge: 18,
    maxAge: null,
    phones: [
      {
        id: '0d1c2b3a-4f5e-4d6c-8b7a-9e8d7c6b5a41',
        number: '613-555-0101',
        extension: null,
        type: 'voice',
        descriptionEn: null,
        descriptionFr: null,
      },
    ],
    schedules: [{ id: '1e2d3c4b-5a69-4788-9a7b-6c5d4e3f2a10', ...nineToFive(['MO', 'WE', 'FR']) }],
    languages: ['en', 'fr'],
    taxonomyTermIds: ['FOOD-BANK'],
    sites: [],
    ...overrides,
  };
}

export function dueItem(overrides: Partial<DueItem> = {}): DueItem {
  return {
    type: 'service',
    id: '5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e',
    nameEn: 'Emergency food bank',
    nameFr: 'Banque alimentaire d’urgence',
    organizationId: '7c1f2e3d-4b5a-4968-8776-5f4e3d2c1b0a',
    organizationNameEn: 'Ottawa Food Bank',
    organizationNameFr: 'Banque alimentaire d’Ottawa',
    city: 'Ottawa',
    status: 'active',
    lastVerifiedAt: null,
    lastVerifiedByName: null,
    dueAt: '2025-01-15T12:00:00.000Z',
    ...overrides,
  };
}

/** The resources API behind MSW: one service, the due list, version checks; records what was sent. */
export function fakeResourcesApi(initial: ServiceRecord, due: DueItem[] = []) {
  let record = { ...initial };
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  const base = `/api/resources/services/${initial.id}`;
  server.use(
    http.get('/api/resources/due', ({ request }) => {
      const type = new URL(request.url).searchParams.get('type');
      const items = due.filter((d) => !type || d.type === type);
      return HttpResponse.json({ items, total: items.length, page: 1, perPage: 25 });
    }),
    http.get(base, () => HttpResponse.json(record)),
    http.patch(base, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown> & { version: number };
      sent.push({ method: 'PATCH', path: base, body });
      if (body.version !== record.version) {
        return HttpResponse.json(
          errorBody('conflict', 'Someone else saved this record first', { details: { current: record } }),
          { status: 409 },
        );
      }
      const { version: _v, ...changes } = body;
      record = { ...record, ...changes, version: record.version + 1 } as ServiceRecord;
      return HttpResponse.json(record);
    }),
    http.post(`${base}/verify`, async ({ request }) => {
      const body = (await request.json()) as { version: number };
      sent.push({ method: 'POST', path: `${base}/verify`, body });
      if (body.version !== record.version)
        return HttpResponse.json(errorBody('conflict', 'stale'), { status: 409 });
      record = {
        ...record,
        version: record.version + 1,
        lastVerifiedAt: '2026-11-23T10:00:00.000Z',
        lastVerifiedByName: 'Eddie Editor',
      };
      return HttpResponse.json(record);
    }),
  );
  return {
    sent,
    /** Someone else saves a change on the server. */
    othersSave(changes: Partial<ServiceRecord>) {
      record = { ...record, ...changes, version: record.version + 1 };
    },
    current: () => record,
  };
}
