-- The audit trail resists TRUNCATE too (0001 covers UPDATE and DELETE row by row; TRUNCATE fires no row
-- triggers). Only a table's owner or a superuser can disable or drop these triggers: run the API as a role
-- that owns nothing (README, "Security").
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION relais_audit_append_only();
