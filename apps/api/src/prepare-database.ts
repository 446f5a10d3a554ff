import { migrate, type Database } from '@relais/db';
import { ensureDefaultTaxonomy } from './modules/directory/directory.taxonomy';
import { countActiveAdmins } from './modules/staff/staff.queries';

export interface PreparedDatabase {
  /** Migration files applied now. */
  applied: string[];
  /** Taxonomy terms loaded now (only into an empty taxonomy). */
  taxonomyTerms: number;
  /** False until someone can sign in to manage staff: the start-up message then says how to create one. */
  hasAdmin: boolean;
}

/**
 * Makes any database a working centre: applies pending migrations (which also create the default lines) and
 * loads the bundled need categories into an empty taxonomy. No people and no demo records: those come from
 * `staff:create` and demo mode. The server and every CLI command start with it.
 */
export async function prepareDatabase(database: Database): Promise<PreparedDatabase> {
  const applied = await migrate(database);
  const taxonomyTerms = await ensureDefaultTaxonomy(database.db);
  return { applied, taxonomyTerms, hasAdmin: (await countActiveAdmins(database.db)) > 0 };
}

/** How to create the first admin, for the start-up message and the CLI. */
export const FIRST_ADMIN_COMMAND =
  'pnpm cli staff:create --email you@example.org --name "Your Name" --roles admin --password "<12 or more characters>"';
