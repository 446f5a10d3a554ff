import { Role, Scope, Uuid } from '@relais/contracts';
import { buildApp } from '../app';
import type { ServiceContext } from '../lib/context';
import { AppError } from '../lib/errors';
import * as apiKeys from '../modules/apikeys/apikeys.service';
import * as staff from '../modules/staff/staff.service';
import { requireFlag, UsageError, type CliContext, type Command } from './command';

/**
 * Runs service functions as the CLI, with the application's own realtime layer, so disabling someone
 * here also ends their live console connections on running API processes (through the shared adapter).
 */
async function asCli<T>(cli: CliContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const app = await buildApp({ config: { ...cli.config, logLevel: 'error' }, database: cli.database });
  await app.ready();
  try {
    return await fn(app.systemContext('cli'));
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') throw new UsageError(err.message);
    throw err;
  } finally {
    await app.close();
  }
}

function listFlag<T extends string>(cli: CliContext, name: string, parse: (v: string) => T | undefined): T[] {
  const raw = requireFlag(cli, name);
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((i) => parse(i) === undefined);
  if (bad.length || items.length === 0)
    throw new UsageError(`--${name}: unknown value(s) ${bad.join(', ') || '(none)'}`);
  return items as T[];
}

const roleOf = (v: string) => Role.safeParse(v).data;
const scopeOf = (v: string) => Scope.safeParse(v).data;
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

/**
 * A command on one staff member, named by --email: its other flags are read first (a usage error before
 * anything runs), then the action runs on the member's id and `done` says what happened.
 */
function staffMemberCommand<F>(command: {
  summary: string;
  usage: string;
  flags?: (cli: CliContext) => F;
  action: (ctx: ServiceContext, id: string, flags: F, cli: CliContext) => Promise<unknown>;
  done: (email: string) => string;
}): Command {
  return {
    summary: command.summary,
    usage: command.usage,
    async run(cli) {
      const email = requireFlag(cli, 'email');
      const flags = command.flags ? command.flags(cli) : ({} as F);
      await asCli(cli, async (ctx) =>
        command.action(ctx, await staff.staffIdByEmail(ctx, email), flags, cli),
      );
      cli.out(command.done(email));
    },
  };
}

export const staffCommands: Record<string, Command> = {
  'staff:create': {
    summary: 'Create a staff account (the first admin, for instance)',
    usage: `staff:create --email EMAIL --name NAME --roles ${Role.options.join(',')} --password PASSWORD`,
    async run(cli) {
      const input = {
        email: requireFlag(cli, 'email'),
        name: requireFlag(cli, 'name'),
        roles: listFlag(cli, 'roles', roleOf),
        password: requireFlag(cli, 'password'),
      };
      const row = await asCli(cli, (ctx) => staff.createStaff({ ctx, input }, cli.config));
      cli.out(`Created ${row.email} (${row.roles.join(', ')}) id ${row.id}`);
    },
  },
  'staff:disable': staffMemberCommand({
    summary: 'Disable a staff account and end its sessions at once',
    usage: 'staff:disable --email EMAIL',
    action: (ctx, id) => staff.disableStaff({ ctx, input: { id } }),
    done: (email) => `Disabled ${email}; their sessions have ended`,
  }),
  'staff:enable': staffMemberCommand({
    summary: 'Enable a disabled staff account',
    usage: 'staff:enable --email EMAIL',
    action: (ctx, id) => staff.enableStaff({ ctx, input: { id } }),
    done: (email) => `Enabled ${email}`,
  }),
  'staff:reset-password': staffMemberCommand({
    summary: "Set a staff member's password and end their sessions",
    usage: 'staff:reset-password --email EMAIL --password PASSWORD',
    flags: (cli) => ({ password: requireFlag(cli, 'password') }),
    action: (ctx, id, { password }, cli) => staff.resetPassword({ ctx, input: { id, password } }, cli.config),
    done: (email) => `Password reset for ${email}; their sessions have ended`,
  }),
  'staff:reset-totp': staffMemberCommand({
    summary: "Remove a staff member's two-step verification (a lost phone) and end their sessions",
    usage: 'staff:reset-totp --email EMAIL',
    action: (ctx, id) => staff.resetTotp({ ctx, input: { id } }),
    done: (email) => `Two-step verification removed for ${email}; their sessions have ended`,
  }),
  'staff:list': {
    summary: 'List staff accounts',
    usage: 'staff:list',
    async run(cli) {
      const page = await asCli(cli, (ctx) =>
        staff.listStaff({ ctx, input: { page: 1, perPage: 10_000, status: 'all' } }),
      );
      for (const s of page.items) {
        const status = s.disabled ? 'disabled' : 'active';
        cli.out(
          `${s.email.padEnd(32)} ${s.name.padEnd(24)} ${s.roles.join(',').padEnd(22)} ${status.padEnd(9)} last login ${when(s.lastLoginAt)}`,
        );
      }
      cli.out(`${page.total} account(s)`);
    },
  },
  'apikey:create': {
    summary: 'Create an API key; prints the key once, as the last line',
    usage: `apikey:create --name NAME --scopes ${Scope.options.join(',')}`,
    async run(cli) {
      const input = { name: requireFlag(cli, 'name'), scopes: listFlag(cli, 'scopes', scopeOf) };
      const created = await asCli(cli, (ctx) => apiKeys.createApiKey({ ctx, input }));
      cli.out(`Created API key "${created.name}" (${created.scopes.join(', ')}) id ${created.id}`);
      cli.out('Store it now: it will not be shown again.');
      cli.out(created.key);
    },
  },
  'apikey:revoke': {
    summary: 'Revoke an API key at once',
    usage: 'apikey:revoke --id ID',
    async run(cli) {
      const id = requireFlag(cli, 'id');
      if (!Uuid.safeParse(id).success) throw new UsageError('--id: give the id shown by apikey:list');
      const key = await asCli(cli, (ctx) => apiKeys.revokeApiKey({ ctx, input: { id } }));
      cli.out(`Revoked API key "${key.name}" (${key.prefix}…)`);
    },
  },
  'apikey:list': {
    summary: 'List API keys',
    usage: 'apikey:list',
    async run(cli) {
      const { items } = await asCli(cli, (ctx) => apiKeys.listApiKeys({ ctx }));
      for (const k of items) {
        const status = k.revokedAt ? `revoked ${when(k.revokedAt)}` : 'active';
        cli.out(
          `${k.id}  ${k.prefix}…  ${k.name.padEnd(24)} ${k.scopes.join(',').padEnd(28)} created ${when(k.createdAt)}  last used ${when(k.lastUsedAt)}  ${status}`,
        );
      }
      cli.out(`${items.length} key(s)`);
    },
  },
};
