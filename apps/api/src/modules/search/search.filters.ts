import type { DirectoryStatus } from '@relais/contracts';
import { sql } from 'drizzle-orm';
import type { QueryNode } from './search.query';

/**
 * What is counted and paged: every search row (the console: one per service and site), each service once
 * (HSDS /services), or each service at a location (HSDS /service_at_locations).
 */
export type SearchScope = 'rows' | 'services' | 'sites';

/** Who answers: the in-memory index (PostgreSQL when it cannot) or PostgreSQL alone. */
export type SearchEngine = 'memory' | 'sql';

/** One search, as both engines read it: the filters are defined here only. */
export interface SearchQuery {
  scope: SearchScope;
  /**
   * The words. For 'rows' a row matches by its own text; for 'services' and 'sites' by the text of any row
   * of its service (an HSDS service matches as a whole, wherever it is offered).
   */
  text: QueryNode | null;
  /** Around a point; a null radius keeps every row with coordinates, nearest first. */
  near: { latitude: number; longitude: number; radiusMeters: number | null } | null;
  /** Any of these taxonomy term ids (a term also matches the services of its descendants). */
  taxonomy: string[];
  /** Every one of these language codes. */
  languages: string[];
  age: number | null;
  openAtMinuteOfWeek: number | null;
  /** Null: any status. */
  statuses: DirectoryStatus[] | null;
  organizationId: string | null;
  /** Only these services (a filter resolved in SQL beforehand, such as HSDS modified_after); null: all. */
  serviceIds: ReadonlySet<string> | null;
  sort: 'relevance' | 'distance' | 'name';
  /** Which name sorts first by name: lower(coalesce(name_en, name_fr)) or the French one. */
  nameLanguage: 'en' | 'fr';
  /** Category and language counts (the console's facets). */
  facets: boolean;
  limit: number;
  offset: number;
}

/** The defaults of every filter: a query states only what it narrows. */
export function searchQuery(
  fields: Pick<SearchQuery, 'scope' | 'limit' | 'offset'> & Partial<SearchQuery>,
): SearchQuery {
  return {
    text: null,
    near: null,
    taxonomy: [],
    languages: [],
    age: null,
    openAtMinuteOfWeek: null,
    statuses: null,
    organizationId: null,
    serviceIds: null,
    sort: 'relevance',
    nameLanguage: 'en',
    facets: false,
    ...fields,
  };
}

/** A search row as a result shows it. */
export interface SearchRow {
  id: string;
  service_id: string;
  location_id: string | null;
  organization_id: string;
  status: DirectoryStatus;
  name_en: string | null;
  name_fr: string | null;
  organization_name_en: string | null;
  organization_name_fr: string | null;
  location_name_en: string | null;
  location_name_fr: string | null;
  address_1: string | null;
  city: string | null;
  postal_code: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  languages: string[];
  category_ids: string[];
  min_age: number | null;
  max_age: number | null;
  hours: unknown;
  last_verified_at: string | Date | null;
  distance_m: number | null;
}

export interface Facet {
  id: string;
  count: number;
}

export interface SearchOutcome {
  /** The page in order ('services': one row of each service). */
  items: SearchRow[];
  total: number;
  /** Empty unless the query asked for facets. */
  categories: Facet[];
  languages: Facet[];
}

/** What a search result shows, read from search_documents aliased `d`. */
export const DISPLAY_COLUMNS =
  sql.raw(`d.id, d.service_id, d.location_id, d.organization_id, d.status, d.name_en,
  d.name_fr, d.organization_name_en, d.organization_name_fr, d.location_name_en, d.location_name_fr, d.address_1,
  d.city, d.postal_code, d.latitude, d.longitude, d.phone, d.languages, d.category_ids, d.min_age, d.max_age,
  d.hours, d.last_verified_at`);

/** The sort key by name, as PostgreSQL computes it (loaded into the index so both engines agree). */
export const nameKey = (language: 'en' | 'fr', alias = 'd') =>
  sql.raw(
    language === 'fr'
      ? `lower(coalesce(${alias}.name_fr, ${alias}.name_en))`
      : `lower(coalesce(${alias}.name_en, ${alias}.name_fr))`,
  );

/** Facet sizes the console shows. */
export const MAX_LANGUAGE_FACETS = 30;
