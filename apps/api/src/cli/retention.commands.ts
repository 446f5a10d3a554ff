import { systemActor } from '../lib/context';
import { runRetention, type RetentionReport } from '../modules/retention/retention.service';
import { UsageError, type CliContext, type Command } from './command';

function print(cli: CliContext, r: RetentionReport) {
  const scope = `contacts closed before ${r.closedBefore} (${r.days} days)`;
  if (r.busy && r.contacts === 0) {
    cli.out(
      `Another Relais process is applying the retention policy right now; nothing done. Try again later.`,
    );
    return;
  }
  cli.out(
    r.dryRun
      ? `Dry run, nothing changed: ${r.contacts} ${scope} would lose their personal fields`
      : `Anonymised ${r.contacts} ${scope}${r.runId ? ` (run ${r.runId})` : ''}`,
  );
  for (const [field, n] of Object.entries(r.fields)) cli.out(`  ${field.padEnd(20)} ${n} values`);
  if (r.busy) cli.out('Another process took over part of the work; run it again to see what is left.');
}

/** `pnpm cli` command of the retention policy (modules/retention). */
export const retentionCommands: Record<string, Command> = {
  'retention:run': {
    summary: 'Remove caller names, numbers and free-text notes from contacts closed over RETENTION_DAYS ago',
    usage: 'retention:run [--dry-run] [--days N]',
    async run(cli) {
      const days = cli.flags.days === undefined ? cli.config.retentionDays : Number(cli.flags.days);
      if (days === undefined)
        throw new UsageError(
          'Retention is off: RETENTION_DAYS is not set. Set it (30 or more) or give --days N to apply a policy once',
        );
      if (!Number.isInteger(days) || days < 30)
        throw new UsageError('--days must be a whole number, 30 or more');
      const report = await runRetention({
        ctx: { db: cli.database.db, actor: systemActor('cli') },
        input: { days, dryRun: cli.flags['dry-run'] === 'true' },
      });
      print(cli, report);
    },
  },
};
