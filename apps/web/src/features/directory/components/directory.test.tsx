import type { ServiceDetail } from '@relais/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import { directoryResponse, directoryResult, noTexts, SERVICE_TEXTS } from '../../../test/directory';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { featureRoutes } from '../routes';

const serviceId = '22222222-2222-4222-8222-222222222222';
const locationId = '33333333-3333-4333-8333-333333333333';

const detail: ServiceDetail = {
  id: serviceId,
  nameEn: 'Thunder Bay Rent Bank',
  nameFr: 'Banque de loyer de Thunder Bay',
  ...noTexts(...SERVICE_TEXTS),
  descriptionEn: 'Interest-free loans for rent arrears.',
  status: 'active',
  url: null,
  email: 'rent@example.org',
  eligibilityEn: 'Tenants with low income.',
  eligibilityFr: 'Locataires à faible revenu.',
  minAge: 18,
  maxAge: null,
  feesEn: 'Free.',
  feesFr: 'Gratuit.',
  applicationProcessEn: 'Call to book an appointment.',
  lastVerifiedAt: '2026-09-01T12:00:00.000Z',
  lastVerifiedBy: null,
  lastVerifiedByName: 'Eddie Editor',
  updatedAt: '2026-09-01T12:00:00.000Z',
  version: 3,
  organization: {
    id: '44444444-4444-4444-8444-444444444444',
    nameEn: 'Thunder Bay Housing Help Centre',
    nameFr: null,
    descriptionEn: null,
    descriptionFr: null,
    email: null,
    website: 'https://housing.example.org',
    status: 'active',
    phones: [],
  },
  phones: [
    {
      id: '55555555-5555-4555-8555-555555555555',
      number: '807-555-0142',
      extension: null,
      type: 'voice',
      descriptionEn: 'Intake',
      descriptionFr: 'Accueil',
    },
  ],
  schedules: [],
  languages: ['en', 'fr'],
  serviceAreas: [
    {
      id: '66666666-6666-4666-8666-666666666666',
      nameEn: 'Thunder Bay',
      nameFr: 'Thunder Bay',
      extentType: 'municipality',
      extent: 'Thunder Bay',
    },
  ],
  requiredDocuments: [
    {
      id: '77777777-7777-4777-8777-777777777777',
      documentEn: 'Lease or rental agreement',
      documentFr: 'Bail',
      uri: null,
    },
  ],
  taxonomyTerms: [
    {
      id: 'HOUSING-RENT-ASSIST',
      parentId: 'HOUSING',
      nameEn: 'Rent assistance and rent banks',
      nameFr: 'Aide au loyer et banques de loyer',
      descriptionEn: null,
      descriptionFr: null,
      taxonomy: 'relais',
    },
  ],
  locations: [
    {
      id: locationId,
      serviceAtLocationId: '11111111-1111-4111-8111-111111111111',
      nameEn: 'Main office',
      nameFr: null,
      descriptionEn: null,
      descriptionFr: null,
      transportationEn: 'Bus 3',
      transportationFr: null,
      accessibilityEn: 'Ramp at the side door.',
      accessibilityFr: null,
      address1: '100 Red River Road',
      address2: null,
      city: 'Thunder Bay',
      region: null,
      stateProvince: 'ON',
      postalCode: 'P7B 1A1',
      country: 'CA',
      latitude: 48.43,
      longitude: -89.22,
      status: 'active',
      phones: [],
      schedules: [],
      hours: { MO: [{ opensAt: '09:00', closesAt: '17:00' }], TU: [{ opensAt: '09:00', closesAt: '17:00' }] },
      hoursToday: [{ opensAt: '09:00', closesAt: '17:00' }],
      openNow: false,
      languages: [],
      distanceKm: null,
    },
  ],
};

const search = directoryResponse(
  [
    directoryResult({
      id: '11111111-1111-4111-8111-111111111111',
      serviceId,
      locationId,
      organizationId: detail.organization.id,
      nameEn: detail.nameEn,
      nameFr: detail.nameFr,
      organizationNameEn: detail.organization.nameEn,
      locationNameEn: 'Main office',
      address1: '100 Red River Road',
      postalCode: 'P7B 1A1',
      latitude: 48.43,
      longitude: -89.22,
      hoursToday: null,
      openNow: null,
      phone: '807-555-0142',
      categoryIds: ['HOUSING'],
      minAge: 18,
    }),
  ],
  {
    interpreted: {
      text: 'rent',
      near: { kind: 'municipality', label: 'Thunder Bay', latitude: 48.38, longitude: -89.25 },
      radiusKm: 25,
      corrections: [],
    },
  },
);

function fakeApi() {
  server.use(
    http.get('/api/directory/taxonomy', () => HttpResponse.json({ items: [] })),
    http.get('/api/directory/search', () => HttpResponse.json(search)),
    http.get(`/api/directory/services/${serviceId}`, () => HttpResponse.json(detail)),
  );
}

describe('directory screens', () => {
  it('finds "rent help Thunder Bay" and opens everything a specialist reads to the caller', async () => {
    fakeApi();
    signedIn(meFixture(['specialist']));
    const { user, router } = renderApp({ path: '/directory', features: featureRoutes });
    expect(await screen.findByRole('heading', { level: 1, name: 'Resource directory' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Directory' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('What does the caller need?'), 'rent help Thunder Bay');
    expect(await screen.findByText('Hours not listed')).toBeInTheDocument();
    expect(screen.getByText(/Near Thunder Bay/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open: Thunder Bay Rent Bank' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Thunder Bay Rent Bank' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/directory/services/${serviceId}`);
    expect(screen.getByText('Tenants with low income.')).toBeInTheDocument();
    expect(screen.getByText('18 years and over')).toBeInTheDocument();
    expect(screen.getByText('Call to book an appointment.')).toBeInTheDocument();
    expect(screen.getByText('Lease or rental agreement')).toBeInTheDocument();
    expect(screen.getByText(/Last verified .* by Eddie Editor/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '807-555-0142' })).toBeInTheDocument();
    const hours = screen.getByRole('table', { name: 'Opening hours by day' });
    expect(within(hours).getByRole('row', { name: 'Monday 9:00–17:00' })).toBeInTheDocument();
    expect(within(hours).getByRole('row', { name: 'Sunday Closed' })).toBeInTheDocument();
    expect(screen.getByText('Ramp at the side door.')).toBeInTheDocument();
  });

  it('shows the detail in French, falling back to English where French is missing', async () => {
    fakeApi();
    signedIn(meFixture(['followup']));
    await i18n.changeLanguage('fr');
    renderApp({ path: `/directory/services/${serviceId}`, features: featureRoutes });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Banque de loyer de Thunder Bay' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Locataires à faible revenu.')).toBeInTheDocument();
    expect(screen.getByText('Call to book an appointment.')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('18 ans et plus')).toBeInTheDocument();
  });

  it('is not for administrators without a referral role', async () => {
    signedIn(meFixture(['admin']));
    renderApp({ path: '/directory', features: featureRoutes });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' }),
    ).toBeInTheDocument();
  });
});
