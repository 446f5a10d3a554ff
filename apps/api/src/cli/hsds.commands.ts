import { readFile } from 'node:fs/promises';
import { HsdsImportKind, Locale, type HsdsImportReport } from '@relais/contracts';
import { buildApp } from '../app';
import { importHsds } from '../modules/hsds/hsds.import';
import { UsageError, type CliContext, type Command } from './command';

function printReport(cli: CliContext, file: string, r: HsdsImportReport) {
  const state = r.dryRun ? 'dry run, nothing saved' : r.committed ? 'saved' : 'NOTHING SAVED';
  cli.out(`${file}: ${state} — created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}`);
  for (const [type, c] of Object.entries(r.byType).sort()) {
    cli.out(`  ${type.padEnd(20)} +${c.created} ~${c.updated} =${c.unchanged}`);
  }
  for (const x of r.rejected) cli.out(`  rejected ${x.path}${x.id ? ` (${x.id})` : ''}: ${x.reason}`);
  for (const x of r.warnings) cli.out(`  warning  ${x.path}: ${x.reason}`);
}

export const hsdsCommands: Record<string, Command> = {
  'import:hsds': {
    summary: 'Import HSDS 3.0 JSON files (services, organizations, taxonomy terms, or lists of them)',
    usage: 'import:hsds FILE... [--lang en|fr] [--kind service|organization|taxonomy_term] [--dry-run]',
    async run(cli) {
      if (cli.args.length === 0) throw new UsageError('name at least one JSON file');
      const lang = Locale.safeParse(cli.flags.lang ?? 'en');
      if (!lang.success) throw new UsageError('--lang: en or fr');
      const kind = cli.flags.kind ? HsdsImportKind.safeParse(cli.flags.kind) : undefined;
      if (kind && !kind.success) throw new UsageError(`--kind: one of ${HsdsImportKind.options.join(', ')}`);
      const app = await buildApp({ config: { ...cli.config, logLevel: 'error' }, database: cli.database });
      await app.ready();
      let failed = 0;
      try {
        const ctx = app.systemContext('cli');
        // One transaction per file: a rejected record keeps its whole file out, other files still go in.
        for (const file of cli.args) {
          let document: unknown;
          try {
            document = JSON.parse(await readFile(file, 'utf8'));
          } catch (err) {
            cli.out(`${file}: NOTHING SAVED — cannot read JSON: ${(err as Error).message}`);
            failed++;
            continue;
          }
          const report = await importHsds({
            ctx,
            input: {
              document,
              lang: lang.data,
              kind: kind?.data,
              dryRun: cli.flags['dry-run'] === 'true',
              source: `cli:${file}`,
            },
          });
          printReport(cli, file, report);
          if (report.rejected.length) failed++;
        }
      } finally {
        await app.close();
      }
      if (failed) process.exitCode = 1;
    },
  },
};
