import type { DirectorySearchResponse, DirectorySearchResult, TaxonomyList } from '@relais/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../app/providers';
import i18n from '../../i18n';
import { directoryResponse, directoryResult } from '../../test/directory';
import { server } from '../../test/server';
import { ResourceSearch, type ResourceSearchProps } from './resource-search';

const result = (overrides: Partial<DirectorySearchResult> = {}): DirectorySearchResult =>
  directoryResult({
    id: '11111111-1111-4111-8111-111111111111',
    serviceId: '22222222-2222-4222-8222-222222222222',
    locationId: '33333333-3333-4333-8333-333333333333',
    organizationId: '44444444-4444-4444-8444-444444444444',
    nameEn: 'Lower Town Community Food Bank',
    nameFr: 'Banque alimentaire communautaire de la Basse-Ville',
    organizationNameEn: 'Lower Town Resource Centre',
    address1: '40 Cobourg Street',
    city: 'Ottawa',
    postalCode: 'K1N 8Z6',
    latitude: 45.43,
    longitude: -75.69,
    distanceKm: 2.4,
    hoursToday: [{ opensAt: '10:00', closesAt: '14:00' }],
    phone: '613-555-0101',
    ...overrides,
  });

const response = (items: DirectorySearchResult[], extra: Partial<DirectorySearchResponse> = {}) =>
  directoryResponse(items, {
    facets: {
      categories: [{ id: 'FOOD', nameEn: 'Food / Meals', nameFr: 'Nourriture / repas', count: items.length }],
      languages: [
        { id: 'en', nameEn: null, nameFr: null, count: items.length },
        { id: 'fr', nameEn: null, nameFr: null, count: items.length },
      ],
    },
    interpreted: {
      text: 'banque alimentaire',
      near: { kind: 'postal_code', label: 'K1N', latitude: 45.3, longitude: -75.9 },
      radiusKm: 25,
      corrections: [{ from: 'banqe', to: 'banque' }],
    },
    ...extra,
  });

const taxonomy: TaxonomyList = {
  items: [
    {
      id: 'FOOD',
      parentId: null,
      nameEn: 'Food / Meals',
      nameFr: 'Nourriture / repas',
      descriptionEn: null,
      descriptionFr: null,
      taxonomy: 'relais',
    },
    {
      id: 'FOOD-BANK',
      parentId: 'FOOD',
      nameEn: 'Food banks',
      nameFr: 'Banques alimentaires',
      descriptionEn: null,
      descriptionFr: null,
      taxonomy: 'relais',
    },
  ],
};

function fakeDirectory(answer: (params: URLSearchParams) => Response | DirectorySearchResponse) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get('/api/directory/taxonomy', () => HttpResponse.json(taxonomy)),
    http.get('/api/directory/search', ({ request }) => {
      const params = new URL(request.url).searchParams;
      seen.push(params);
      const out = answer(params);
      return out instanceof Response ? out : HttpResponse.json(out);
    }),
  );
  return seen;
}

function renderPanel(props: Partial<ResourceSearchProps> = {}) {
  const onSelect = vi.fn();
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <ResourceSearch onSelect={onSelect} debounceMs={0} {...props} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { onSelect, user };
}

describe('ResourceSearch panel', () => {
  it('searches as the specialist types and hands the chosen service and site to onSelect', async () => {
    const seen = fakeDirectory(() => response([result()]));
    const { onSelect, user } = renderPanel();
    expect(screen.getByText('Type a need, a place or choose a category to search.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('What does the caller need?'), 'banqe alimentare');
    await user.type(screen.getByLabelText('Near (postal code or municipality)'), 'K1N');

    expect(await screen.findByText('1 result')).toBeInTheDocument();
    await vi.waitFor(() => {
      const last = seen[seen.length - 1];
      expect(last?.get('q')).toBe('banqe alimentare');
      expect(last?.get('postalCode')).toBe('K1N');
      expect(last?.get('radiusKm')).toBe('25');
    });
    expect(screen.getByText(/Spelling corrected: banqe → banque/)).toBeInTheDocument();

    const card = screen.getByRole('listitem');
    expect(within(card).getByRole('heading', { name: 'Lower Town Community Food Bank' })).toBeInTheDocument();
    expect(within(card).getByText(/40 Cobourg Street, Ottawa · 2.4 km/)).toBeInTheDocument();
    expect(within(card).getByText('Open now')).toBeInTheDocument();
    expect(within(card).getByText('Today 10:00–14:00')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '613-555-0101' })).toBeInTheDocument();
    expect(within(card).getByText('English, French')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Select: Lower Town Community Food Bank' }));
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({ id: result().serviceId, organizationNameEn: 'Lower Town Resource Centre' }),
      expect.objectContaining({ id: result().locationId, serviceAtLocationId: result().id, distanceKm: 2.4 }),
    );
  });

  it('filters from the facets and the filters, and marks services already chosen', async () => {
    const seen = fakeDirectory(() => response([result({ status: 'active_no_refer' })]));
    const { user } = renderPanel({ initialQuery: 'food bank', selectedIds: [result().id] });
    await screen.findByText('1 result');
    expect(screen.getByText('Do not refer')).toBeInTheDocument();
    expect(screen.getByText('Added')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Food \/ Meals/ }));
    await user.click(screen.getByLabelText('Open now'));
    await user.type(screen.getByLabelText("Caller's age"), '17');
    await user.selectOptions(screen.getByLabelText('Language'), 'fr');
    await vi.waitFor(() => {
      const last = seen[seen.length - 1];
      expect(last?.getAll('taxonomy')).toEqual(['FOOD']);
      expect(last?.get('openNow')).toBe('true');
      expect(last?.get('age')).toBe('17');
      expect(last?.getAll('language')).toEqual(['fr']);
    });
  });

  it('shows French with an English fallback, marked with its language', async () => {
    await i18n.changeLanguage('fr');
    fakeDirectory(() => response([result({ nameFr: null, organizationNameFr: 'Centre de la Basse-Ville' })]));
    renderPanel({ initialQuery: 'banque' });
    const name = await screen.findByRole('heading', { name: 'Lower Town Community Food Bank' });
    expect(name).toHaveAttribute('lang', 'en');
    expect(screen.getByText('Centre de la Basse-Ville')).toHaveAttribute('lang', 'fr');
    expect(screen.getByText("Aujourd'hui 10 h 00–14 h 00")).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Choisir : Lower Town Community Food Bank' }),
    ).toBeInTheDocument();
  });

  it('says when the place is unknown, next to the place field', async () => {
    fakeDirectory(() =>
      HttpResponse.json(
        {
          error: {
            code: 'validation',
            message: 'querystring.postalCode: unknown postal area "Z9Z"',
            fields: [{ path: 'querystring.postalCode', message: 'unknown postal area "Z9Z"' }],
          },
        },
        { status: 400 },
      ),
    );
    const { user } = renderPanel();
    await user.click(screen.getByLabelText('Near (postal code or municipality)'));
    await user.paste('Z9Z');
    expect(
      await screen.findByText('Unknown postal code or municipality: check the spelling.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Near (postal code or municipality)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
