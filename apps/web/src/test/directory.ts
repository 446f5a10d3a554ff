import type { DirectorySearchResponse, DirectorySearchResult, Weekday } from '@relais/contracts';

type NoTexts<N extends string> = { [K in `${N}En` | `${N}Fr`]: null };

/** Bilingual text fields left empty in both languages: a fixture then fills in the ones a test reads. */
export function noTexts<N extends string>(...names: N[]): NoTexts<N> {
  return Object.fromEntries(names.flatMap((n) => [`${n}En`, `${n}Fr`]).map((k) => [k, null])) as NoTexts<N>;
}

/** Opening hours 9:00 to 17:00 on these days, without a note (an editor's schedule row, id left out). */
export const nineToFive = (byday: Weekday[]) => ({
  byday,
  opensAt: '09:00',
  closesAt: '17:00',
  ...noTexts('description'),
});

/** The bilingual texts of a service besides its name. */
export const SERVICE_TEXTS = [
  'alternateName',
  'description',
  'eligibility',
  'fees',
  'applicationProcess',
  'waitTime',
  'interpretationServices',
  'alert',
] as const;

/** One directory search result (a service at a site) in Thunder Bay; override what the test reads. */
export function directoryResult(overrides: Partial<DirectorySearchResult> = {}): DirectorySearchResult {
  return {
    id: crypto.randomUUID(),
    serviceId: crypto.randomUUID(),
    locationId: crypto.randomUUID(),
    organizationId: crypto.randomUUID(),
    ...noTexts('organizationName', 'locationName'),
    nameEn: 'Community food bank',
    nameFr: null,
    organizationNameEn: 'Community food bank agency',
    address1: '570 Squier Street',
    city: 'Thunder Bay',
    postalCode: 'P7B 4A8',
    latitude: 48.38,
    longitude: -89.25,
    distanceKm: 1.2,
    hoursToday: [{ opensAt: '10:00', closesAt: '16:00' }],
    openNow: true,
    phone: '807-555-0175',
    languages: ['en', 'fr'],
    categoryIds: ['FOOD'],
    minAge: null,
    maxAge: null,
    lastVerifiedAt: '2026-09-01T12:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

/** The search answer with these results on one page, no facets and nothing interpreted unless given. */
export function directoryResponse(
  items: DirectorySearchResult[],
  extra: Partial<DirectorySearchResponse> = {},
): DirectorySearchResponse {
  return {
    items,
    total: items.length,
    page: 1,
    perPage: 20,
    facets: { categories: [], languages: [] },
    interpreted: { text: '', near: null, radiusKm: null, corrections: [] },
    ...extra,
  };
}
