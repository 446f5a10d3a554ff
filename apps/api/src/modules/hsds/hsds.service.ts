import type {
  HsdsOrganizationsQuery,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
  Locale,
} from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { invalid, notFound } from '../../lib/errors';
import { lookupPostalCode } from '../directory/directory.geo';
import * as m from './hsds.mapping';
import * as q from './hsds.queries';

/** HSDS 3.0 read API: use-cases behind /api/hsds. Reads only; nothing here writes or audits. */

export const HSDS_VERSION = '3.0';

const paging = (query: { page: number; per_page: number }) => ({ page: query.page, perPage: query.per_page });

export async function listServices({ ctx, input }: { ctx: ServiceContext; input: HsdsServicesQuery }) {
  const p = paging(input);
  const { total, rows } = await q.pageServices(ctx.db, filterOf(input), p);
  if (input.full) {
    const graph = await q.loadServiceGraph(
      ctx.db,
      rows.map((r) => r.id),
    );
    return m.toPage(
      rows.map((r) => m.fullServiceOf(r, graph, input.lang)),
      total,
      p.page,
      p.perPage,
    );
  }
  return m.toPage(
    rows.map((r) => m.serviceCoreOf(r, input.lang)),
    total,
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
  return m.fullServiceOf(row, graph, input.lang);
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
    .map((s) => (input.fullService ? m.fullServiceOf(s, graph, input.lang) : m.serviceCoreOf(s, input.lang)));
  return {
    ...m.organizationCoreOf(org, input.lang),
    phones: phones.map((p) => m.phoneOf(p, input.lang)),
    locations: locs.locations.map((l) => m.locationOf(l, locs, input.lang)),
    services,
  };
}

export async function listServiceAtLocations({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: HsdsServiceAtLocationsQuery;
}) {
  const p = paging(input);
  let near: q.SalFilter['near'];
  if (input.postcode) {
    const point = lookupPostalCode(input.postcode);
    if (!point)
      throw invalid('querystring.postcode', `${input.postcode} is not a known Canadian postal code`);
    near = { latitude: point.latitude, longitude: point.longitude, withinMetres: input.proximity };
  } else if (input.proximity !== undefined) {
    throw invalid('querystring.proximity', 'give a postcode to measure the proximity from');
  }
  const found = await q.pageServiceAtLocations(ctx.db, { ...filterOf(input), near }, p);
  const contents = found.rows.map((sal) => {
    const service = found.services.get(sal.serviceId);
    const location = found.locations.get(sal.locationId);
    return {
      ...m.compact({
        id: sal.id,
        service_id: sal.serviceId,
        location_id: sal.locationId,
        description: m.pick(input.lang, sal.descriptionEn, sal.descriptionFr),
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
  const full = m.fullServiceOf(service, graph, input.lang);
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

function filterOf(input: HsdsServicesQuery): q.ServiceFilter {
  return {
    search: input.search || undefined,
    taxonomyTermId: input.taxonomy_term_id,
    taxonomyId: input.taxonomy_id,
    organizationId: input.organization_id,
    modifiedAfter: input.modified_after,
    lang: input.lang,
  };
}
