import type { Database } from '@relais/db';
import type { Config } from '../config';

export interface CliContext {
  config: Config;
  database: Database;
  /** Parsed --flags (strings; `--flag` alone is 'true') and positional arguments. */
  flags: Record<string, string>;
  args: string[];
  out: (line: string) => void;
}

export interface Command {
  summary: string;
  usage: string;
  run(ctx: CliContext): Promise<void>;
}

export class UsageError extends Error {}

export function requireFlag(ctx: CliContext, name: string): string {
  const value = ctx.flags[name];
  if (!value || value === 'true') throw new UsageError(`--${name} is required`);
  return value;
}

/**
 * Runs a command with its flags given as an object and answers the lines it printed, for callers that show
 * the output their own way (the tests read it).
 */
export async function runCommand(
  command: Command | undefined,
  on: Pick<CliContext, 'config' | 'database'>,
  flags: Record<string, string> = {},
  args: string[] = [],
): Promise<string[]> {
  if (!command) throw new UsageError('no such command');
  const lines: string[] = [];
  await command.run({
    config: on.config,
    database: on.database,
    flags,
    args,
    out: (line) => lines.push(line),
  });
  return lines;
}
