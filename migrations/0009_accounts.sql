-- Accounts (issue 20): a password change required after an admin's reset, TOTP second factor, and an
-- absolute lifetime and a public handle for each session.
ALTER TABLE staff ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE staff ADD COLUMN totp_secret text;
ALTER TABLE staff ADD COLUMN totp_pending_secret text;
ALTER TABLE staff ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE staff ADD COLUMN totp_last_counter bigint;

-- Sessions open when this lands get the default 12-hour lifetime from their start.
ALTER TABLE sessions ADD COLUMN absolute_expires_at timestamptz;
UPDATE sessions SET absolute_expires_at = created_at + interval '12 hours';
UPDATE sessions SET expires_at = absolute_expires_at WHERE expires_at > absolute_expires_at;
ALTER TABLE sessions ALTER COLUMN absolute_expires_at SET NOT NULL;
ALTER TABLE sessions ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD CONSTRAINT sessions_public_id_unique UNIQUE (public_id);
