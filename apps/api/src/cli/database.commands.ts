import { grantAppRole } from '@relais/db';
import { seedDemoDirectory } from '../modules/directory/directory.seed';
import { requireFlag, type Command } from './command';

/** `pnpm cli` commands of the database itself, run as its owner. */
export const databaseCommands: Record<string, Command> = {
  'db:grant-app': {
    summary: "Give the API's own role (not the owner) the rights it needs, and no more",
    usage: 'db:grant-app --role ROLE',
    async run(cli) {
      const { config, database, out } = cli;
      const role = requireFlag(cli, 'role');
      // Bulk loading the demo directory rebuilds search indexes, which only the owner may: do it here.
      if (config.demo) await seedDemoDirectory(database.db);
      await grantAppRole(database, role);
      out(`Granted ${role} the API's rights: rows of every table, the audit trail insert and read only`);
    },
  },
};
