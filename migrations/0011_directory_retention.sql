-- Callers' data protection (issue 20): referrals survive any directory change, and the retention policy.
-- Mirrors packages/db/src/schema/contacts.ts (the foreign keys) and packages/db/src/schema/retention.ts.

-- A referral keeps pointing at the record that was referred: reports count referrals per service and site, and
-- a supervisor reading an old contact can still open what the caller was sent to. ON DELETE SET NULL cut that
-- link silently, and TRUNCATE … CASCADE emptied contact_referrals altogether. RESTRICT makes deleting a
-- referenced service or site (directly, or through its organization's cascade) fail loudly: such a record is
-- marked inactive instead (status = 'inactive'), which the search already understands.
ALTER TABLE contact_referrals
  DROP CONSTRAINT contact_referrals_service_id_fkey,
  ADD CONSTRAINT contact_referrals_service_id_fkey
    FOREIGN KEY (service_id) REFERENCES services(id) ON DELETE RESTRICT,
  DROP CONSTRAINT contact_referrals_location_id_fkey,
  ADD CONSTRAINT contact_referrals_location_id_fkey
    FOREIGN KEY (location_id) REFERENCES locations(id) ON DELETE RESTRICT;
CREATE INDEX contact_referrals_location_idx ON contact_referrals (location_id);

-- Retention (RETENTION_DAYS): one row per run that removed anything, with how many contacts it anonymised.
CREATE TABLE retention_runs (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz NOT NULL DEFAULT now(),
  days integer NOT NULL CHECK (days > 0),
  -- Contacts closed before this instant were in scope.
  closed_before timestamptz NOT NULL,
  contacts integer NOT NULL DEFAULT 0
);

-- The contacts whose personal fields are gone, and by which run. The primary key is the claim: a run inserts
-- here first (ON CONFLICT DO NOTHING) and anonymises only what it inserted, so two API processes never do the
-- same contact twice. A later reports module reads this to know which contacts hold statistics only.
CREATE TABLE contact_retention (
  contact_id uuid PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  run_id uuid NOT NULL REFERENCES retention_runs(id) DEFERRABLE INITIALLY DEFERRED,
  anonymized_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_retention_run_idx ON contact_retention (run_id);

-- What a run looks for: closed contacts by closing time.
CREATE INDEX contacts_closed_idx ON contacts (closed_at) WHERE status = 'closed';
