import { createReadStream } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { systemActor } from '../lib/context';
import { importContacts } from '../modules/contacts/import-contacts';
import { UsageError, type Command } from './command';

/** `pnpm cli` commands of the contacts domain. */
export const contactsCommands: Record<string, Command> = {
  'import:contacts': {
    summary: 'Import historical contacts from an NDJSON file (docs/contacts-ndjson.md)',
    usage: 'import:contacts FILE [--batch 5000] [--parallel 3] [--report rejected.json]',
    async run({ database, args, flags, out }) {
      const file = args[0];
      if (!file) throw new UsageError('give the NDJSON file to import');
      await access(file).catch(() => {
        throw new UsageError(`cannot read ${file}`);
      });
      const batchSize = flags.batch ? Number(flags.batch) : undefined;
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
        throw new UsageError('--batch must be a positive whole number');
      const parallel = flags.parallel ? Number(flags.parallel) : undefined;
      if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1 || parallel > 8))
        throw new UsageError('--parallel must be a whole number from 1 to 8');
      const started = Date.now();
      // Opened on first read: a stream that starts before the importer listens would lose lines.
      async function* lines(path: string) {
        yield* createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      }
      const report = await importContacts({
        ctx: { db: database.db, actor: systemActor('cli import:contacts') },
        lines: lines(file),
        batchSize,
        parallel,
      });
      const seconds = (Date.now() - started) / 1000;
      out(
        `${report.lines} lines: ${report.created} created, ${report.alreadyImported} already imported, ` +
          `${report.rejectedCount} rejected (${seconds.toFixed(1)} s)`,
      );
      for (const r of report.rejected.slice(0, 20))
        out(`  line ${r.line}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      if (report.rejectedCount > 20) out(`  … ${report.rejectedCount - 20} more`);
      if (flags.report) {
        await writeFile(flags.report, JSON.stringify(report, null, 2));
        out(`Full report written to ${flags.report}`);
      }
      if (report.rejectedCount > 0) process.exitCode = 1;
    },
  },
};
