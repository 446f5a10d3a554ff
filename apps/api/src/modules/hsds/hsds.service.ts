import type {
  HsdsOrganizationsQuery,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
  Locale,
} from '@relais/contracts';
import { pickLanguage } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { invalid, notFound } from '../../lib/errors';
import { lookupPostalCode } from '../directory/directory.service';
import { runSearch, searchQuery, webSearchQuery, type SearchEngine, type SearchQuery } from '../search/index';
import * as m from './hsds.mapping';
import * as q from './hsds.queries';

/** HSDS 3.0 read API: use-cases behind /api/hsds. Reads only; nothing here writes or audits. */

export const HSDS_VERSION = '3.0';

const paging = (query: { page: number; per_page: number }) => ({ page: query.page, perPage: query.per_page });

export async function listServices({
  ctx,
  input,
  engine = 'memory',
}: {
  ctx: ServiceContext;
  input: HsdsServicesQuery;
  engine?: SearchEngine;
}) {
  const p = paging(input);
  const query = await searchOf(ctx, input, 'services');
  const found = query ? await runSearch(ctx.db, query, engine) : { items: [], total: 0 };
  const rows = await q.servicesInOrder(
    ctx.db,
    found.items.map((r) => r.service_id),
  );
  if (input.full) {
    const graph = await q.loadServiceGraph(
      ctx.db,
      rows.map((r) => r.id),
    );
    return m.toPage(
      rows.map((r) => m.fullServiceOf(r, graph, input.lang, ctx.timeZone)),
      found.total,
      p.page,
      p.perPage,
    );
  }
  return m.toPage(
    rows.map((r) => m.serviceCoreOf(r, input.lang)),
    found.total,
    p.page,
    p.perPage,
  );
}

export async function getService({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; lang: Locale };
}) {
  const graph = await q.loadServiceGraph(ctx.db, [input.id]);
  const row = graph.services[0];
  if (!row) throw notFound('Service');
  return m.fullServiceOf(row, graph, input.lang, ctx.timeZone);
}

export async function listOrganizations({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: HsdsOrganizationsQuery;
}) {
  const p = paging(input);
  const { total, rows } = await q.pageOrganizations(ctx.db, { search: input.search, lang: input.lang }, p);
  return m.toPage(
    rows.map((r) => m.organizationCoreOf(r, input.lang)),
    total,
    p.page,
    p.perPage,
  );
}

/** A fully nested organization: phones, locations, and its services (their ids and names, or in full). */
export async function getOrganization({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; lang: Locale; fullService?: boolean };
}) {
  const org = await q.findOrganization(ctx.db, input.id);
  if (!org) throw notFound('Organization');
  const [phones, locs, serviceIds] = await Promise.all([
    q.organizationPhones(ctx.db, org.id),
    q.loadLocationsOfOrganization(ctx.db, org.id),
    q.serviceIdsOfOrganization(ctx.db, org.id),
  ]);
  const graph = await q.loadServiceGraph(ctx.db, serviceIds);
  const byId = new Map(graph.services.map((s) => [s.id, s]));
  const services = serviceIds
    .map((id) => byId.get(id))
    .filter((s): s is q.ServiceRow => s !== undefined)
    .map((s) =>
      input.fullService
        ? m.fullServiceOf(s, graph, input.lang, ctx.timeZone)
        : m.serviceCoreOf(s, input.lang),
    );
  return {
    ...m.organizationCoreOf(org, input.lang),
    phones: phones.map((p) => m.phoneOf(p, input.lang)),
    locations: locs.locations.map((l) => m.locationOf(l, locs, input.lang, ctx.timeZone)),
    services,
  };
}

export async function listServiceAtLocations({
  ctx,
  input,
  engine = 'memory',
}: {
  ctx: ServiceContext;
  input: HsdsServiceAtLocationsQuery;
  engine?: SearchEngine;
}) {
  const p = paging(input);
  let near: SearchQuery['near'] = null;
  if (input.postcode) {
    const point = lookupPostalCode(input.postcode);
    if (!point)
      throw invalid('querystring.postcode', `${input.postcode} is not a known Canadian postal code`);
    near = { latitude: point.latitude, longitude: point.longitude, radiusMeters: input.proximity ?? null };
  } else if (input.proximity !== undefined) {
    throw invalid('querystring.proximity', 'give a postcode to measure the proximity from');
  }
  const query = await searchOf(ctx, input, 'sites');
  const found = query
    ? await runSearch(ctx.db, { ...query, near, sort: near ? 'distance' : 'name' }, engine)
    : { items: [], total: 0 };
  const sites = await q.serviceAtLocationsInOrder(
    ctx.db,
    found.items.flatMap((r) =>
      r.location_id ? [{ id: r.id, serviceId: r.service_id, locationId: r.location_id }] : [],
    ),
  );
  const contents = sites.rows.map((sal) => {
    const service = sites.services.get(sal.serviceId);
    const location = sites.locations.get(sal.locationId);
    return {
      ...m.compact({
        id: sal.id,
        service_id: sal.serviceId,
        location_id: sal.locationId,
        description: pickLanguage(input.lang, sal.descriptionEn, sal.descriptionFr),
      }),
      ...(location ? { location: m.locationCoreOf(location, input.lang) } : {}),
      ...(service ? { service: m.serviceCoreOf(service, input.lang) } : {}),
    };
  });
  return m.toPage(contents, found.total, p.page, p.perPage);
}

/** One service_at_location with its location in full and its service's one-to-one fields. */
export async function getServiceAtLocation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; lang: Locale };
}) {
  const sal = await q.findServiceAtLocation(ctx.db, input.id);
  if (!sal) throw notFound('Service at location');
  const graph = await q.loadServiceGraph(ctx.db, [sal.serviceId]);
  const service = graph.services[0];
  if (!service) throw notFound('Service at location');
  const full = m.fullServiceOf(service, graph, input.lang, ctx.timeZone);
  const nested = full.service_at_locations?.find((x) => x.id === sal.id);
  if (!nested) throw notFound('Service at location');
  const { service_at_locations: _omit, ...serviceFields } = full;
  return { ...nested, service: serviceFields };
}

export async function listTaxonomies({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { page: number; per_page: number; search?: string; lang: Locale };
}) {
  const p = paging(input);
  const { total, rows } = await q.pageTaxonomies(ctx.db, { search: input.search }, p);
  return m.toPage(
    rows.map((t) => m.taxonomyOf(t, input.lang)),
    total,
    p.page,
    p.perPage,
  );
}

export async function getTaxonomy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; lang: Locale };
}) {
  const found = await q.findTaxonomy(ctx.db, input.id);
  if (!found) throw notFound('Taxonomy');
  return m.taxonomyOf(found, input.lang);
}

export async function listTaxonomyTerms({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: HsdsTaxonomyTermsQuery;
}) {
  const p = paging(input);
  const { total, rows } = await q.pageTaxonomyTerms(
    ctx.db,
    {
      search: input.search,
      taxonomyId: input.taxonomy_id,
      parentId: input.parent_id,
      topOnly: input.top_only,
      lang: input.lang,
    },
    p,
  );
  return m.toPage(
    rows.map((t) => m.taxonomyTermOf(t, input.lang)),
    total,
    p.page,
    p.perPage,
  );
}

export async function getTaxonomyTerm({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; lang: Locale };
}) {
  const found = await q.findTaxonomyTerm(ctx.db, input.id);
  if (!found) throw notFound('Taxonomy term');
  return m.taxonomyTermOf(found, input.lang);
}

/**
 * The HSDS list filters as a search (services by name, then id). Filters the index does not hold (taxonomy,
 * modification time) are resolved to services first; null when nothing can match.
 */
async function searchOf(
  ctx: ServiceContext,
  input: HsdsServicesQuery,
  scope: 'services' | 'sites',
): Promise<SearchQuery | null> {
  const p = paging(input);
  let taxonomy: string[] = [];
  if (input.taxonomy_term_id) {
    const termId = await q.termIdOf(ctx.db, input.taxonomy_term_id);
    if (!termId) return null;
    taxonomy = [termId];
  }
  let serviceIds: Set<string> | null = null;
  const narrow = (ids: string[]) => {
    serviceIds = new Set(serviceIds ? ids.filter((id) => serviceIds?.has(id)) : ids);
  };
  if (input.taxonomy_id) narrow(await q.servicesInTaxonomy(ctx.db, input.taxonomy_id));
  if (input.modified_after) narrow(await q.servicesModifiedSince(ctx.db, input.modified_after));
  return searchQuery({
    scope,
    text: input.search ? await webSearchQuery(ctx.db, input.search) : null,
    taxonomy,
    // Compared as text by the index: uuids as PostgreSQL prints them.
    organizationId: input.organization_id?.toLowerCase() ?? null,
    serviceIds,
    sort: 'name',
    nameLanguage: input.lang,
    limit: p.perPage,
    offset: (p.page - 1) * p.perPage,
  });
}
