-- Callers' data protection (issue 20): referral snapshots, attributable caller lookups, crisis alerts that
-- survive a lost notification. Mirrors packages/db/src/schema/contacts.ts.

-- A referral keeps what was referred, in both languages, whatever later happens to the directory record
-- (renamed, marked inactive, removed). service_name / location_name stay the names shown at referral time.
ALTER TABLE contact_referrals
  ADD COLUMN service_name_en text,
  ADD COLUMN service_name_fr text,
  ADD COLUMN location_name_en text,
  ADD COLUMN location_name_fr text,
  ADD COLUMN organization_name_en text,
  ADD COLUMN organization_name_fr text;

-- Existing referrals: the name shown then (service_name, location_name) stays the English one; the French
-- and organization names are the best known now.
UPDATE contact_referrals r SET
  service_name_en = r.service_name,
  service_name_fr = (SELECT s.name_fr FROM services s WHERE s.id = r.service_id),
  location_name_en = r.location_name,
  location_name_fr = (SELECT l.name_fr FROM locations l WHERE l.id = r.location_id),
  organization_name_en = (SELECT o.name_en FROM services s JOIN organizations o ON o.id = s.organization_id
                          WHERE s.id = r.service_id),
  organization_name_fr = (SELECT o.name_fr FROM services s JOIN organizations o ON o.id = s.organization_id
                          WHERE s.id = r.service_id);

-- Secrets the server makes for itself once and keeps across restarts (the audit's HMAC key when
-- AUDIT_HMAC_KEY is not set).
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every repeat-caller lookup: who, from which contact, a keyed hash of the number (never the number), the
-- supervisor's stated reason, and the contacts shown. Also the count behind the per-staff rate limit.
CREATE TABLE caller_lookups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  staff_id uuid NOT NULL,
  contact_id uuid,
  phone_hmac text NOT NULL,
  reason text,
  shown_contact_ids uuid[] NOT NULL DEFAULT '{}'::uuid[],
  request_id text
);
CREATE INDEX caller_lookups_staff_idx ON caller_lookups (staff_id, at);
CREATE INDEX caller_lookups_phone_idx ON caller_lookups (phone_hmac, at);

CREATE OR REPLACE FUNCTION relais_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER caller_lookups_append_only BEFORE UPDATE OR DELETE ON caller_lookups
  FOR EACH ROW EXECUTE FUNCTION relais_append_only();
CREATE TRIGGER caller_lookups_no_truncate BEFORE TRUNCATE ON caller_lookups
  FOR EACH STATEMENT EXECUTE FUNCTION relais_append_only();

-- Crisis alerts come from the database, not only from a notification: when a crisis flag was last added,
-- and which supervisor has acknowledged it since.
ALTER TABLE contacts ADD COLUMN crisis_raised_at timestamptz;
UPDATE contacts SET crisis_raised_at = updated_at
  WHERE crisis_flags <> '{}'::text[] AND status = 'draft';
CREATE INDEX contacts_crisis_raised_idx ON contacts (crisis_raised_at) WHERE crisis_raised_at IS NOT NULL;

CREATE TABLE crisis_acknowledgements (
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  staff_id uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contact_id, staff_id)
);
