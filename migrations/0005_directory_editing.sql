-- HSDS taxonomies (the vocabularies taxonomy_terms.taxonomy names) and editing support.
-- Mirrors packages/db/src/schema/directory-editing.ts.

-- A taxonomy named by taxonomy_terms.taxonomy. A term whose taxonomy has no row here still has an HSDS
-- taxonomy id: md5('taxonomy:' || name)::uuid, the same value this table defaults to.
CREATE TABLE taxonomies (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description_en text,
  description_fr text,
  uri text,
  version text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO taxonomies (id, name, description_en, description_fr)
VALUES (
  md5('taxonomy:relais')::uuid,
  'relais',
  'Relais need categories: 17 top-level categories and their subcategories.',
  'Catégories de besoins Relais : 17 catégories principales et leurs sous-catégories.'
);

-- The due-for-verification list reads each table in "never verified first, then oldest verification" order.
CREATE INDEX organizations_due_idx ON organizations (last_verified_at ASC NULLS FIRST, created_at, id);
CREATE INDEX locations_due_idx ON locations (last_verified_at ASC NULLS FIRST, created_at, id);
CREATE INDEX services_due_idx ON services (last_verified_at ASC NULLS FIRST, created_at, id);

-- HSDS lists are ordered by name in the requested language.
CREATE INDEX services_name_en_order_idx ON services (lower(coalesce(name_en, name_fr)), id);
CREATE INDEX services_name_fr_order_idx ON services (lower(coalesce(name_fr, name_en)), id);
CREATE INDEX organizations_name_en_order_idx ON organizations (lower(coalesce(name_en, name_fr)), id);
CREATE INDEX organizations_name_fr_order_idx ON organizations (lower(coalesce(name_fr, name_en)), id);

-- HSDS service_at_locations near a postcode: distance from the sites themselves.
CREATE INDEX locations_earth_idx ON locations USING gist (ll_to_earth(latitude, longitude))
  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
