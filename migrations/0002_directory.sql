-- Resource directory, modelled on Open Referral HSDS 3.0 (shared/hsds-3.0).
-- Human-readable fields are bilingual side by side (<field>_en, <field>_fr), each nullable: a record may
-- hold one language or both, and readers fall back to the other. Mirrors packages/db/src/schema/directory.ts.

-- Text search: English and French stemming with accents removed, so "éducation", "education" and
-- "educations" meet. relais_unaccent() comes from 0000_foundation.
CREATE TEXT SEARCH CONFIGURATION relais_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION relais_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION relais_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION relais_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Taxonomy: the id is the term's code (e.g. FOOD, FOOD-BANK); hsds_id is the uuid HSDS wants.
CREATE TABLE taxonomy_terms (
  id text PRIMARY KEY,
  parent_id text REFERENCES taxonomy_terms(id) ON DELETE RESTRICT,
  hsds_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  taxonomy text NOT NULL DEFAULT 'relais',
  name_en text,
  name_fr text,
  description_en text,
  description_fr text,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (name_en IS NOT NULL OR name_fr IS NOT NULL)
);
CREATE INDEX taxonomy_terms_parent_idx ON taxonomy_terms (parent_id);

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name_en text,
  name_fr text,
  alternate_name_en text,
  alternate_name_fr text,
  description_en text,
  description_fr text,
  email text,
  website text,
  tax_status text,
  tax_id text,
  year_incorporated integer,
  legal_status text,
  parent_organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'active_no_refer')),
  last_verified_at timestamptz,
  last_verified_by uuid REFERENCES staff(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (name_en IS NOT NULL OR name_fr IS NOT NULL)
);
CREATE INDEX organizations_updated_idx ON organizations (updated_at);
CREATE INDEX organizations_verified_idx ON organizations (last_verified_at);

-- A location carries its one physical address inline (HSDS address fields); postal addresses of
-- the same site are rare in 211 data and go in address_2 / the description.
CREATE TABLE locations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  location_type text NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
  name_en text,
  name_fr text,
  alternate_name_en text,
  alternate_name_fr text,
  description_en text,
  description_fr text,
  transportation_en text,
  transportation_fr text,
  accessibility_en text,
  accessibility_fr text,
  url text,
  address_1 text,
  address_2 text,
  city text,
  region text,
  state_province text NOT NULL DEFAULT 'ON',
  postal_code text,
  country text NOT NULL DEFAULT 'CA',
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'active_no_refer')),
  last_verified_at timestamptz,
  last_verified_by uuid REFERENCES staff(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX locations_organization_idx ON locations (organization_id);
CREATE INDEX locations_city_idx ON locations (lower(city));
CREATE INDEX locations_updated_idx ON locations (updated_at);

CREATE TABLE services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name_en text,
  name_fr text,
  alternate_name_en text,
  alternate_name_fr text,
  description_en text,
  description_fr text,
  url text,
  email text,
  -- active_no_refer: the service exists but specialists must not refer to it (HSDS: active + note).
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'active_no_refer')),
  interpretation_services_en text,
  interpretation_services_fr text,
  application_process_en text,
  application_process_fr text,
  fees_en text,
  fees_fr text,
  wait_time_en text,
  wait_time_fr text,
  eligibility_en text,
  eligibility_fr text,
  min_age integer CHECK (min_age >= 0),
  max_age integer CHECK (max_age >= 0),
  alert_en text,
  alert_fr text,
  accreditations text,
  licenses text,
  last_verified_at timestamptz,
  last_verified_by uuid REFERENCES staff(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (name_en IS NOT NULL OR name_fr IS NOT NULL),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
);
CREATE INDEX services_organization_idx ON services (organization_id);
CREATE INDEX services_updated_idx ON services (updated_at);
CREATE INDEX services_verified_idx ON services (last_verified_at);

CREATE TABLE service_at_location (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  description_en text,
  description_fr text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (service_id, location_id)
);
CREATE INDEX service_at_location_location_idx ON service_at_location (location_id);

CREATE TABLE service_taxonomy_terms (
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  taxonomy_term_id text NOT NULL REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  PRIMARY KEY (service_id, taxonomy_term_id)
);
CREATE INDEX service_taxonomy_terms_term_idx ON service_taxonomy_terms (taxonomy_term_id);

-- A phone belongs to exactly one owner: an organization, location, service or service_at_location.
CREATE TABLE phones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
  location_id uuid REFERENCES locations(id) ON DELETE CASCADE,
  service_id uuid REFERENCES services(id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  number text NOT NULL,
  extension integer,
  type text NOT NULL DEFAULT 'voice' CHECK (type IN ('voice', 'text', 'fax', 'tty', 'hotline', 'toll_free')),
  description_en text,
  description_fr text,
  sort_order integer NOT NULL DEFAULT 0,
  CHECK (num_nonnulls(organization_id, location_id, service_id, service_at_location_id) = 1)
);
CREATE INDEX phones_organization_idx ON phones (organization_id);
CREATE INDEX phones_location_idx ON phones (location_id);
CREATE INDEX phones_service_idx ON phones (service_id);
CREATE INDEX phones_sal_idx ON phones (service_at_location_id);

-- Weekly opening hours, HSDS style: one row per (days, opens_at, closes_at); byday is an RFC 5545
-- list such as 'MO,TU,WE,TH,FR'. closes_at <= opens_at means the period ends after midnight;
-- 00:00–00:00 means open all day. Times are local to timezone (America/Toronto by default).
CREATE TABLE schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid REFERENCES services(id) ON DELETE CASCADE,
  location_id uuid REFERENCES locations(id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  freq text NOT NULL DEFAULT 'WEEKLY' CHECK (freq IN ('WEEKLY')),
  byday text NOT NULL CHECK (byday ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'),
  opens_at time NOT NULL,
  closes_at time NOT NULL,
  timezone text NOT NULL DEFAULT 'America/Toronto',
  valid_from date,
  valid_to date,
  description_en text,
  description_fr text,
  CHECK (num_nonnulls(service_id, location_id, service_at_location_id) = 1)
);
CREATE INDEX schedules_service_idx ON schedules (service_id);
CREATE INDEX schedules_location_idx ON schedules (location_id);
CREATE INDEX schedules_sal_idx ON schedules (service_at_location_id);

-- Languages offered (ISO 639-1 where one exists, else 639-3), by a service or at a location.
CREATE TABLE languages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid REFERENCES services(id) ON DELETE CASCADE,
  location_id uuid REFERENCES locations(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z]{2,3}$'),
  note text,
  CHECK (num_nonnulls(service_id, location_id) = 1)
);
CREATE INDEX languages_service_idx ON languages (service_id);
CREATE INDEX languages_location_idx ON languages (location_id);

-- Where a service is offered: a municipality, region or the province (extent_type names which).
CREATE TABLE service_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  name_en text,
  name_fr text,
  description_en text,
  description_fr text,
  extent_type text NOT NULL DEFAULT 'municipality' CHECK (extent_type IN ('municipality', 'region', 'province', 'postal_code', 'geojson', 'other')),
  extent text
);
CREATE INDEX service_areas_service_idx ON service_areas (service_id);

CREATE TABLE required_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  document_en text,
  document_fr text,
  uri text,
  CHECK (document_en IS NOT NULL OR document_fr IS NOT NULL)
);
CREATE INDEX required_documents_service_idx ON required_documents (service_id);

-- Geographic grid cells as lexemes, added to each search document so that one GIN index scan answers
-- "these words AND near here" (a distance index cannot be combined with the text index cheaply: the planner
-- has no selectivity for boxes). Five grid sizes: 0.1°, 0.25°, 0.5°, 1°, 2°; the search picks the size whose
-- cells cover its circle in a few cells, then checks the exact distance. Mirrored by geoCells() in
-- apps/api/src/modules/directory/directory.cells.ts.
CREATE FUNCTION relais_geo_cells(lat double precision, lon double precision) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_tsvector(ARRAY[
    'zgeo1x' || floor((lat + 90) / 0.1)::int || 'x' || floor((lon + 180) / 0.1)::int,
    'zgeo2x' || floor((lat + 90) / 0.25)::int || 'x' || floor((lon + 180) / 0.25)::int,
    'zgeo3x' || floor((lat + 90) / 0.5)::int || 'x' || floor((lon + 180) / 0.5)::int,
    'zgeo4x' || floor((lat + 90) / 1.0)::int || 'x' || floor((lon + 180) / 1.0)::int,
    'zgeo5x' || floor((lat + 90) / 2.0)::int || 'x' || floor((lon + 180) / 2.0)::int]) $$;

-- Search: one denormalised row per service at a location (or per service without any location).
-- Derived data, rebuilt by refreshSearchDocument(db, serviceId) in the directory module whenever
-- a service, its organization, locations, hours, languages or taxonomy change.
CREATE TABLE search_documents (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  location_id uuid REFERENCES locations(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  status text NOT NULL,
  name_en text,
  name_fr text,
  organization_name_en text,
  organization_name_fr text,
  location_name_en text,
  location_name_fr text,
  address_1 text,
  city text,
  postal_code text,
  latitude double precision,
  longitude double precision,
  -- ll_to_earth(latitude, longitude), stored: distance filters then cost no trigonometry per row.
  earth_point earth,
  phone text,
  -- The service's terms and all their ancestors: a filter on a term matches its descendants.
  taxonomy_ids text[] NOT NULL DEFAULT '{}',
  category_ids text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  min_age integer,
  max_age integer,
  -- Minutes since Monday 00:00 local time during which the service is open (for "open now").
  open_minutes int4multirange,
  -- {"MO":[["09:00","17:00"]],...}: hours per weekday, for "hours today".
  hours jsonb,
  last_verified_at timestamptz,
  -- Weighted: A = service name + taxonomy terms, B = organization + location names, C = descriptions;
  -- plus the site's grid cells (relais_geo_cells).
  document tsvector NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_documents_service_idx ON search_documents (service_id);
CREATE INDEX search_documents_location_idx ON search_documents (location_id);
CREATE INDEX search_documents_organization_idx ON search_documents (organization_id);
CREATE INDEX search_documents_document_idx ON search_documents USING gin (document);
CREATE INDEX search_documents_taxonomy_idx ON search_documents USING gin (taxonomy_ids);
CREATE INDEX search_documents_earth_idx ON search_documents USING gist (earth_point);

-- Words of names and taxonomy terms (unaccented, lower case): the vocabulary a misspelt query word is
-- corrected against with trigram similarity.
CREATE TABLE search_lexicon (
  word text PRIMARY KEY
);
CREATE INDEX search_lexicon_trgm_idx ON search_lexicon USING gin (word gin_trgm_ops);
