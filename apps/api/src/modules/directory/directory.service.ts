import {
  WEEKDAYS,
  type DirectorySearchInput,
  type DirectorySearchResponse,
  type DirectoryStatus,
  type GeoPoint,
  type ServiceDetail,
  type ServiceDetailQuery,
  type TaxonomyList,
  type Weekday,
  type WeeklyHours,
} from '@relais/contracts';
import type { schema } from '@relais/db';
import type { ServiceContext } from '../../lib/context';
import { invalid, notFound } from '../../lib/errors';
import { expiringPerDatabase } from '../../lib/per-database';
import {
  allOf,
  analyse,
  anyOf,
  runSearch,
  searchQuery,
  wordQuery,
  type QueryNode,
  type SearchEngine,
} from '../search/index';
import {
  extractPlace,
  fold,
  isPostalCodeShaped,
  lookupMunicipality,
  lookupPostalCode,
  suggestPlaces,
} from './directory.geo';
import { hoursToday, isOpenAt, localMoment, weeklyHoursOf } from './directory.hours';
import * as q from './directory.queries';

export { serviceDescription } from './directory.queries';
export { lookupPostalCode } from './directory.geo';

/** Default radius around a postal code, municipality or point. */
export const DEFAULT_RADIUS_KM = 25;

// Words that carry no meaning once the need is named ("rent help", "aide au loyer").
const GENERIC = new Set([
  'help',
  'aide',
  'need',
  'needs',
  'besoin',
  'besoins',
  'find',
  'trouver',
  'looking',
  'cherche',
  'want',
  'get',
]);

interface ParsedText {
  /** One query per kept word (its lexemes in either language), all of which a row must match. */
  terms: QueryNode[];
  words: string[];
  corrections: Array<{ from: string; to: string }>;
  near: GeoPoint | undefined;
}

/**
 * The specialist's words: a place among them (unless one was given), generic words dropped, stop words
 * dropped, the last word as a prefix while it is being typed, an unknown word replaced by its correction.
 */
async function parseText(ctx: ServiceContext, text: string, wantPlace: boolean): Promise<ParsedText> {
  let words = fold(text)
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 12);
  const typing = !/\s$/.test(text);
  let near: GeoPoint | undefined;
  if (wantPlace) {
    const found = extractPlace(words);
    near = found.near;
    words = found.rest;
  }
  const meaningful = words.filter((w) => !GENERIC.has(w));
  if (meaningful.length > 0) words = meaningful;
  const analysis = await analyse(ctx.db, words);
  const out: ParsedText = { terms: [], words: [], corrections: [], near };
  const keep = (word: string, query: QueryNode | null) => {
    if (query === null) return;
    out.words.push(word);
    out.terms.push(query);
  };
  analysis.forEach((a, i) => {
    const last = i === analysis.length - 1;
    if (a.stop && analysis.length > 1) return;
    if (last && typing && a.prefix) keep(a.word, wordQuery(a.en, a.fr, true));
    else if (a.known || /\d/.test(a.word) || !a.correction) keep(a.word, wordQuery(a.en, a.fr));
    else {
      keep(a.correction, wordQuery(a.correctionEn ?? [], a.correctionFr ?? []));
      out.corrections.push({ from: a.word, to: a.correction });
    }
  });
  return out;
}

function resolveNear(input: DirectorySearchInput): GeoPoint | undefined {
  if (input.postalCode !== undefined && input.postalCode.trim() !== '') {
    if (!isPostalCodeShaped(input.postalCode)) {
      throw invalid(
        'querystring.postalCode',
        'must be a postal code or its first 3 characters, e.g. K1N or K1N 5T2',
      );
    }
    const point = lookupPostalCode(input.postalCode);
    if (!point)
      throw invalid(
        'querystring.postalCode',
        `unknown postal area "${input.postalCode.trim().slice(0, 3).toUpperCase()}"`,
      );
    return point;
  }
  if (input.municipality !== undefined && input.municipality.trim() !== '') {
    const point = lookupMunicipality(input.municipality);
    if (!point)
      throw invalid('querystring.municipality', `unknown municipality "${input.municipality.trim()}"`);
    return point;
  }
  if (input.lat !== undefined || input.lon !== undefined) {
    if (input.lat === undefined) throw invalid('querystring.lat', 'is required with lon');
    if (input.lon === undefined) throw invalid('querystring.lon', 'is required with lat');
    return {
      kind: 'point',
      label: `${input.lat.toFixed(4)}, ${input.lon.toFixed(4)}`,
      latitude: input.lat,
      longitude: input.lon,
    };
  }
  return undefined;
}

const iso = (value: string | Date | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).toISOString();

/** Directory search: free text (EN/FR, stemmed, accents and typos forgiven), filters, facets, paging. */
export async function searchDirectory({
  ctx,
  input,
  engine = 'memory',
}: {
  ctx: ServiceContext;
  input: DirectorySearchInput;
  engine?: SearchEngine;
}): Promise<DirectorySearchResponse> {
  const at = input.at ? new Date(input.at) : new Date();
  const moment = localMoment(at, ctx.timeZone);
  const explicit = resolveNear(input);
  const text = input.q ?? '';
  const parsed = await parseText(ctx, text, explicit === undefined);
  const near = explicit ?? parsed.near ?? null;
  const radiusKm = near ? (input.radiusKm ?? DEFAULT_RADIUS_KM) : null;
  const statuses: DirectoryStatus[] = input.status?.length ? input.status : ['active', 'active_no_refer'];
  const query = searchQuery({
    scope: 'rows',
    text: allOf(parsed.terms),
    near:
      near && radiusKm
        ? { latitude: near.latitude, longitude: near.longitude, radiusMeters: radiusKm * 1000 }
        : null,
    taxonomy: input.taxonomy ?? [],
    languages: input.language ?? [],
    age: input.age ?? null,
    openAtMinuteOfWeek: input.openNow ? moment.minuteOfWeek : null,
    statuses,
    sort: input.sort ?? (near ? 'distance' : 'relevance'),
    facets: true,
    limit: input.perPage,
    offset: (input.page - 1) * input.perPage,
  });
  let outcome = await runSearch(ctx.db, query, engine);
  // Nothing has every word: show what has some of them, best matches first.
  if (outcome.total === 0 && parsed.terms.length > 1) {
    outcome = await runSearch(ctx.db, { ...query, text: anyOf(parsed.terms), sort: 'relevance' }, engine);
  }
  const names = await taxonomyNames.get(ctx.db);
  return {
    items: outcome.items.map((r) => {
      const hours = weeklyHoursOf(r.hours);
      return {
        id: r.id,
        serviceId: r.service_id,
        locationId: r.location_id,
        organizationId: r.organization_id,
        nameEn: r.name_en,
        nameFr: r.name_fr,
        organizationNameEn: r.organization_name_en,
        organizationNameFr: r.organization_name_fr,
        locationNameEn: r.location_name_en,
        locationNameFr: r.location_name_fr,
        address1: r.address_1,
        city: r.city,
        postalCode: r.postal_code,
        latitude: r.latitude,
        longitude: r.longitude,
        distanceKm: r.distance_m === null ? null : Math.round(r.distance_m / 100) / 10,
        hoursToday: hoursToday(hours, moment),
        openNow: isOpenAt(hours, moment),
        phone: r.phone,
        languages: r.languages,
        categoryIds: r.category_ids,
        minAge: r.min_age,
        maxAge: r.max_age,
        lastVerifiedAt: iso(r.last_verified_at),
        status: r.status,
      };
    }),
    total: outcome.total,
    page: input.page,
    perPage: input.perPage,
    facets: {
      categories: outcome.categories.map((c) => ({
        ...c,
        nameEn: names.get(c.id)?.en ?? null,
        nameFr: names.get(c.id)?.fr ?? null,
      })),
      languages: outcome.languages.map((l) => ({ ...l, nameEn: null, nameFr: null })),
    },
    interpreted: {
      text: parsed.words.join(' '),
      near,
      radiusKm,
      corrections: parsed.corrections,
    },
  };
}

// Facet labels: the taxonomy changes only by import, so a short-lived copy per database saves a query a search.
const NAMES_TTL_MS = 30_000;
const taxonomyNames = expiringPerDatabase(NAMES_TTL_MS, async (db: ServiceContext['db']) => {
  const terms = await q.listTaxonomy(db);
  return new Map(terms.map((t) => [t.id, { en: t.nameEn, fr: t.nameFr }]));
});

const termOf = (t: Awaited<ReturnType<typeof q.listTaxonomy>>[number]) => ({
  id: t.id,
  parentId: t.parentId,
  nameEn: t.nameEn,
  nameFr: t.nameFr,
  descriptionEn: t.descriptionEn,
  descriptionFr: t.descriptionFr,
  taxonomy: t.taxonomy,
});

export async function listTaxonomy({ ctx }: { ctx: ServiceContext }): Promise<TaxonomyList> {
  const terms = await q.listTaxonomy(ctx.db);
  return { items: terms.map(termOf) };
}

export function lookupPlaces({ input }: { input: { q: string } }): { items: GeoPoint[] } {
  return { items: suggestPlaces(input.q) };
}

// ---------------------------------------------------------------------------------------------- detail

type ScheduleRow = { byday: string; opensAt: string; closesAt: string };

function toWeekly(rows: ScheduleRow[]): WeeklyHours {
  const hours: WeeklyHours = {};
  for (const row of [...rows].sort((a, b) => a.opensAt.localeCompare(b.opensAt))) {
    for (const day of row.byday.split(',') as Weekday[]) {
      if (!WEEKDAYS.includes(day)) continue;
      hours[day] = [
        ...(hours[day] ?? []),
        { opensAt: row.opensAt.slice(0, 5), closesAt: row.closesAt.slice(0, 5) },
      ];
    }
  }
  return hours;
}

const scheduleOf = (s: {
  id: string;
  byday: string;
  opensAt: string;
  closesAt: string;
  descriptionEn: string | null;
  descriptionFr: string | null;
}) => ({
  id: s.id,
  byday: s.byday.split(',').filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
  opensAt: s.opensAt.slice(0, 5),
  closesAt: s.closesAt.slice(0, 5),
  descriptionEn: s.descriptionEn,
  descriptionFr: s.descriptionFr,
});

const phoneOf = (p: {
  id: string;
  number: string;
  extension: number | null;
  type: string;
  descriptionEn: string | null;
  descriptionFr: string | null;
}) => ({
  id: p.id,
  number: p.number,
  extension: p.extension,
  type: p.type as ServiceDetail['phones'][number]['type'],
  descriptionEn: p.descriptionEn,
  descriptionFr: p.descriptionFr,
});

/** Everything a specialist reads to a caller: the service, its agency and every site with its hours. */
export async function getServiceDetail({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ServiceDetailQuery & { id: string };
}): Promise<ServiceDetail> {
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    throw invalid(input.lat === undefined ? 'querystring.lat' : 'querystring.lon', 'lat and lon go together');
  }
  const found = await q.findService(ctx.db, input.id);
  if (!found) throw notFound('Service');
  const { service: s, organization: o } = found;
  const c = await q.serviceChildren(ctx.db, s.id, o.id);
  const moment = localMoment(input.at ? new Date(input.at) : new Date(), ctx.timeZone);
  const distances =
    input.lat !== undefined && input.lon !== undefined
      ? await q.distancesTo(
          ctx.db,
          { latitude: input.lat, longitude: input.lon },
          c.sites.map((x) => x.location.id),
        )
      : new Map<string, number>();
  const serviceSchedules = c.schedules.filter((x) => x.serviceId === s.id);
  const serviceLanguages = [
    ...new Set(c.languages.filter((l) => l.serviceId === s.id).map((l) => l.code)),
  ].sort();
  const locations = c.sites.map(({ sal, location: l }) => {
    const salSchedules = c.schedules.filter((x) => x.serviceAtLocationId === sal.id);
    const locationSchedules = c.schedules.filter((x) => x.locationId === l.id);
    const applicable = salSchedules.length
      ? salSchedules
      : serviceSchedules.length
        ? serviceSchedules
        : locationSchedules;
    const hours = toWeekly(applicable);
    const distance = distances.get(l.id);
    return {
      id: l.id,
      serviceAtLocationId: sal.id,
      nameEn: l.nameEn,
      nameFr: l.nameFr,
      descriptionEn: sal.descriptionEn ?? l.descriptionEn,
      descriptionFr: sal.descriptionFr ?? l.descriptionFr,
      transportationEn: l.transportationEn,
      transportationFr: l.transportationFr,
      accessibilityEn: l.accessibilityEn,
      accessibilityFr: l.accessibilityFr,
      ...siteAddress(l),
      country: l.country,
      status: l.status,
      phones: c.phones.filter((p) => p.serviceAtLocationId === sal.id || p.locationId === l.id).map(phoneOf),
      schedules: applicable.map(scheduleOf),
      hours,
      hoursToday: hoursToday(hours, moment),
      openNow: isOpenAt(hours, moment),
      languages: [...new Set(c.languages.filter((x) => x.locationId === l.id).map((x) => x.code))].sort(),
      distanceKm: distance === undefined ? null : Math.round(distance / 100) / 10,
    };
  });
  if (distances.size) locations.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
  return {
    id: s.id,
    ...q.serviceDescription(s),
    status: s.status,
    lastVerifiedAt: iso(s.lastVerifiedAt),
    lastVerifiedBy: s.lastVerifiedBy,
    lastVerifiedByName: found.verifiedByName ?? null,
    updatedAt: new Date(s.updatedAt).toISOString(),
    version: s.version,
    organization: {
      id: o.id,
      nameEn: o.nameEn,
      nameFr: o.nameFr,
      descriptionEn: o.descriptionEn,
      descriptionFr: o.descriptionFr,
      email: o.email,
      website: o.website,
      status: o.status,
      phones: c.phones.filter((p) => p.organizationId === o.id).map(phoneOf),
    },
    phones: c.phones.filter((p) => p.serviceId === s.id).map(phoneOf),
    schedules: serviceSchedules.map(scheduleOf),
    languages: serviceLanguages,
    serviceAreas: c.areas.map((a) => ({
      id: a.id,
      nameEn: a.nameEn,
      nameFr: a.nameFr,
      extentType: a.extentType,
      extent: a.extent,
    })),
    requiredDocuments: c.documents.map((d) => ({
      id: d.id,
      documentEn: d.documentEn,
      documentFr: d.documentFr,
      uri: d.uri,
    })),
    taxonomyTerms: c.terms.map(termOf),
    locations,
  };
}

/** A site's street address and coordinates, as the directory and the resource editor show them. */
export function siteAddress(l: typeof schema.locations.$inferSelect) {
  return {
    address1: l.address1,
    address2: l.address2,
    city: l.city,
    region: l.region,
    stateProvince: l.stateProvince,
    postalCode: l.postalCode,
    latitude: l.latitude,
    longitude: l.longitude,
  };
}
