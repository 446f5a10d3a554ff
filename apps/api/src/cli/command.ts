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
