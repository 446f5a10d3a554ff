import { resolve } from 'node:path';
import { UsageError, type Command } from './command';
import { systemActor } from '../lib/context';
import {
  directoryIsEmpty,
  replaceDirectory,
  seedDirectory,
  type SeedResult,
} from '../modules/directory/directory.seed';
import { importTaxonomy, parseTaxonomyFile } from '../modules/directory/directory.taxonomy';
import { refreshAllSearchDocuments } from '../modules/search/index';
import { SCALES } from '../modules/directory/seed/generator';

/** `pnpm cli` commands of the resource directory. */
export const directoryCommands: Record<string, Command> = {
  'seed:directory': {
    summary: 'Generate a synthetic bilingual Ontario directory (deterministic per --seed)',
    usage: 'seed:directory --scale ontario|demo [--seed N] [--replace]',
    async run({ config, database, flags, out }) {
      const scaleName = flags.scale ?? 'demo';
      const scale = SCALES[scaleName];
      if (!scale) throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
      const seed = Number(flags.seed ?? 211);
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
      let result: SeedResult;
      if (await directoryIsEmpty(database.db)) result = await seedDirectory(database.db, { scale, seed });
      else if (flags.replace !== 'true')
        throw new UsageError('The directory is not empty: add --replace to replace it');
      else {
        const replaced = await replaceDirectory({
          ctx: { db: database.db, actor: systemActor('cli') },
          input: { scale, seed, demo: config.demo },
        });
        const kept = replaced.kept.keptServices.length + replaced.kept.keptLocations.length;
        if (kept)
          out(
            `Kept ${replaced.kept.keptServices.length} services and ${replaced.kept.keptLocations.length} sites that ` +
              'referrals point to (inactive unless the new directory has them again)',
          );
        result = replaced;
      }
      out(
        `Seeded ${result.organizations} organizations, ${result.locations} locations, ${result.services} services, ` +
          `${result.serviceAtLocations} service-at-locations (${result.searchDocuments} search rows) in ` +
          `${((result.milliseconds.generateAndInsert + result.milliseconds.searchIndex) / 1000).toFixed(1)} s ` +
          `(rows ${(result.milliseconds.generateAndInsert / 1000).toFixed(1)} s, search index ${(result.milliseconds.searchIndex / 1000).toFixed(1)} s)`,
      );
    },
  },
  'taxonomy:import': {
    summary: 'Import taxonomy terms from CSV (id,parent_id,name_en,name_fr) or HSDS taxonomy_term JSON',
    usage: 'taxonomy:import FILE',
    async run({ database, args, out }) {
      const file = args[0];
      if (!file) throw new UsageError('Name the file to import');
      const result = await importTaxonomy(
        database.db,
        parseTaxonomyFile(resolve(process.env.INIT_CWD ?? process.cwd(), file)),
      );
      await database.db.transaction((tx) => refreshAllSearchDocuments(tx));
      out(`Taxonomy: ${result.created} created, ${result.updated} updated (${result.total} terms)`);
    },
  },
};
