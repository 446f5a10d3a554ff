import '../node-version';
import { createDb, type Database } from '@relais/db';
import { loadConfig, type Config } from '../config';
import { FIRST_ADMIN_COMMAND, prepareDatabase } from '../prepare-database';
import { startupMessage } from '../startup-errors';
import { UsageError, type Command } from './command';
import { contactsCommands } from './contacts.commands';
import { databaseCommands } from './database.commands';
import { directoryCommands } from './directory.commands';
import { hsdsCommands } from './hsds.commands';
import { retentionCommands } from './retention.commands';
import { staffCommands } from './staff.commands';

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply pending migrations and load the need categories into an empty taxonomy',
    usage: 'migrate',
    async run({ database, out }) {
      const { applied, taxonomyTerms, hasAdmin } = await prepareDatabase(database);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply');
      if (taxonomyTerms) out(`Loaded the default taxonomy: ${taxonomyTerms} terms (English and French)`);
      if (!hasAdmin) out(`No admin account yet. Create the first one: ${FIRST_ADMIN_COMMAND}`);
    },
  },
  ...staffCommands,
  ...directoryCommands,
  ...hsdsCommands,
  ...contactsCommands,
  ...retentionCommands,
  ...databaseCommands,
};

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) flags[key] = inline;
      else if (next !== undefined && !next.startsWith('--')) flags[key] = argv[++i] ?? '';
      else flags[key] = 'true';
    } else args.push(a);
  }
  return { flags, args };
}

function help() {
  const lines = ['Usage: pnpm cli <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(22)} ${c.summary}`);
  return lines.join('\n');
}

async function main() {
  // `pnpm cli` runs this in the package's folder: file names on the command line are the caller's, relative
  // to where they typed it (pnpm and npm pass that folder as INIT_CWD).
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const [name, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(`${help()}\n`);
    process.exit(name && name !== 'help' ? 2 : 0);
  }
  let config: Config | undefined;
  let database: Database | undefined;
  try {
    config = loadConfig();
    database = await createDb({ url: config.databaseUrl });
    if (name !== 'migrate') await prepareDatabase(database);
    const { flags, args } = parseArgs(rest);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    await command.run({ config, database, flags, args, out });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\nUsage: pnpm cli ${command.usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${startupMessage(err, config) ?? (err as Error).message}\n`);
      process.exitCode = 1;
    }
  } finally {
    await database?.close();
  }
}

void main();
