import type { Database } from './create-db';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * What the API's own database role may do, granted by the owner (who runs the migrations): read and write
 * rows, never change the schema, never rewrite history. The audit trail takes inserts and reads only (its
 * triggers refuse updates, deletes and TRUNCATE, and only an owner could disable them), and the migration
 * record is read-only. Tables that later migrations create get the same row rights by default; run this again
 * after each upgrade all the same, so every grant is as written here.
 */
export function appRoleGrants(role: string): string {
  if (!ROLE_NAME.test(role))
    throw new Error(`"${role}" is not a plain role name (lower-case letters, digits, _)`);
  return `
GRANT USAGE ON SCHEMA public TO ${role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, caller_lookups FROM ${role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON relais_migrations FROM ${role};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role};`;
}

/** Applies {@link appRoleGrants} (PostgreSQL server only: PGlite has one built-in user). */
export async function grantAppRole(database: Database, role: string): Promise<void> {
  if (database.engine !== 'postgres')
    throw new Error('Roles exist on a PostgreSQL server only, not on PGlite');
  await database.exec(appRoleGrants(role)); // one simple query: one implicit transaction
}
