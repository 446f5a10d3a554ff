import { createDb, migrate } from '@relais/db';
import { loadConfig } from '../config';
import { UsageError, type Command } from './command';
import { contactsCommands } from './contacts.commands';
import { directoryCommands } from './directory.commands';
import { hsdsCommands } from './hsds.commands';
import { staffCommands } from './staff.commands';

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply pending database migrations',
    usage: 'migrate',
    async run({ database, out }) {
      const applied = await migrate(database);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply');
    },
  },
  ...staffCommands,
  ...directoryCommands,
  ...hsdsCommands,
  ...contactsCommands,
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
  const [name, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(`${help()}\n`);
    process.exit(name && name !== 'help' ? 2 : 0);
  }
  const config = loadConfig();
  const database = await createDb({ url: config.databaseUrl });
  try {
    if (name !== 'migrate') await migrate(database);
    const { flags, args } = parseArgs(rest);
    await command.run({ config, database, flags, args, out: (line) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\nUsage: pnpm cli ${command.usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

void main();
