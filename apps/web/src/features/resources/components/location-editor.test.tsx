import type { LocationRecord, OrganizationRecord } from '@relais/contracts';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { nineToFive } from '../../../test/directory';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { featureRoutes } from '../routes';

const at = '2026-11-20T14:00:00.000Z';
const orgId = '7c1f2e3d-4b5a-4968-8776-5f4e3d2c1b0a';
const locId = '2b3c4d5e-6f70-4a81-92a3-b4c5d6e7f809';

const location: LocationRecord = {
  id: locId,
  status: 'active',
  version: 7,
  updatedAt: at,
  lastVerifiedAt: '2025-02-01T12:00:00.000Z',
  lastVerifiedBy: null,
  lastVerifiedByName: 'Eddie Editor',
  organizationId: orgId,
  organizationNameEn: 'Ottawa Food Bank',
  organizationNameFr: null,
  locationType: 'physical',
  nameEn: 'ByWard Market depot',
  nameFr: 'Dépôt du marché By',
  alternateNameEn: null,
  alternateNameFr: null,
  descriptionEn: null,
  descriptionFr: null,
  transportationEn: null,
  transportationFr: null,
  accessibilityEn: 'Ramp at the side door',
  accessibilityFr: null,
  url: null,
  address1: '55 York St',
  address2: null,
  city: 'Ottawa',
  region: null,
  stateProvince: 'ON',
  postalCode: 'K1N 5T2',
  latitude: 45.4292,
  longitude: -75.6899,
  phones: [],
  schedules: [],
  languages: ['fr'],
};

const organization: OrganizationRecord = {
  id: orgId,
  status: 'active',
  version: 2,
  updatedAt: at,
  lastVerifiedAt: null,
  lastVerifiedBy: null,
  lastVerifiedByName: null,
  nameEn: 'Ottawa Food Bank',
  nameFr: null,
  alternateNameEn: null,
  alternateNameFr: null,
  descriptionEn: 'Food for families',
  descriptionFr: null,
  email: null,
  website: 'https://food.example.org',
  legalStatus: null,
  yearIncorporated: null,
  phones: [],
};

describe('site and agency editors', () => {
  it('edits a site: address, French accessibility, hours and languages, in one save', async () => {
    const sent: unknown[] = [];
    server.use(
      http.get(`/api/resources/locations/${locId}`, () => HttpResponse.json(location)),
      http.patch(`/api/resources/locations/${locId}`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        const schedules = (body.schedules as object[]).map((x) => ({ ...x, id: crypto.randomUUID() }));
        return HttpResponse.json({ ...location, ...body, schedules, version: 8 });
      }),
    );
    signedIn(meFixture(['editor']));
    const { user } = renderApp({ path: `/resources/locations/${locId}`, features: featureRoutes });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Site: ByWard Market depot' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Last verified on .* by Eddie Editor\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ottawa Food Bank' })).toHaveAttribute(
      'href',
      `/resources/organizations/${orgId}`,
    );
    await user.type(screen.getByLabelText('Accessibility (French)'), 'Rampe à la porte latérale');
    await user.click(screen.getByRole('button', { name: 'Add opening hours' }));
    await user.click(screen.getByRole('checkbox', { name: 'Sat' }));
    const languages = screen.getByLabelText('Languages offered');
    await user.clear(languages);
    await user.type(languages, 'fr, en');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        version: 7,
        accessibilityFr: 'Rampe à la porte latérale',
        schedules: [nineToFive(['MO', 'TU', 'WE', 'TH', 'FR', 'SA'])],
        languages: ['fr', 'en'],
      },
    ]);
  });

  it('shows the field the server refused', async () => {
    server.use(
      http.get(`/api/resources/organizations/${orgId}`, () => HttpResponse.json(organization)),
      http.patch(`/api/resources/organizations/${orgId}`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation',
              message: 'body.website: Invalid URL',
              fields: [{ path: 'body.website', message: 'Invalid URL' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    signedIn(meFixture(['admin']));
    const { user } = renderApp({ path: `/resources/organizations/${orgId}`, features: featureRoutes });
    await screen.findByRole('heading', { level: 1, name: 'Agency: Ottawa Food Bank' });
    const website = screen.getByLabelText('Website');
    await user.clear(website);
    await user.type(website, 'food bank');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Invalid URL')).toBeInTheDocument();
    expect(screen.getByLabelText('Website')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Website')).toHaveValue('food bank');
  });

  it('lists problems inside opening hours by period', async () => {
    const withHours = {
      ...location,
      schedules: [{ id: crypto.randomUUID(), ...nineToFive(['MO']) }],
    };
    server.use(
      http.get(`/api/resources/locations/${locId}`, () => HttpResponse.json(withHours)),
      http.patch(`/api/resources/locations/${locId}`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation',
              message: 'invalid',
              fields: [{ path: 'body.schedules.0.closesAt', message: 'a time HH:MM' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    signedIn(meFixture(['editor']));
    const { user } = renderApp({ path: `/resources/locations/${locId}`, features: featureRoutes });
    await user.click(await screen.findByRole('checkbox', { name: 'Tue' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Opening hours, period 1: a time HH:MM')).toBeInTheDocument();
  });
});
