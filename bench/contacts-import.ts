/**
 * Bulk import benchmark: a year of a province (365,000 contacts with their needs and referrals) imported
 * through the CLI code path (`pnpm cli import:contacts FILE`) into a fresh database on the PostgreSQL server.
 *
 *   pnpm exec tsx bench/contacts-import.ts [--contacts 365000] [--batch 5000] [--parallel 3] [--keep-file]
 *
 * The NDJSON file is generated deterministically under /tmp (same seed, same file); the database is dropped
 * at the end. Target: under 2 minutes.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { contactsCommands } from '../apps/api/src/cli/contacts.commands';
import { testConfig } from '../apps/api/src/config';
import { CATEGORIES, freshDatabase, random, seedTaxonomy } from './contacts-bench-db';
import { arg } from './lib';

const COUNT = Number(arg('contacts', '365000'));
const FILE = `/tmp/relais-bench-contacts-${COUNT}.ndjson`;

const CHANNELS = ['phone', 'phone', 'phone', 'phone', 'chat', 'text', 'email', 'web', 'walk_in'];
const AGES = ['child', 'youth', 'adult', 'adult', 'adult', 'senior', 'senior', 'undisclosed'];
const GENDERS = ['woman', 'woman', 'man', 'another_gender', 'undisclosed'];
const PLACES: Array<[string, string]> = [
  ['Toronto', 'M5V'],
  ['Ottawa', 'K1P'],
  ['Thunder Bay', 'P7B'],
  ['Sudbury', 'P3A'],
  ['Hamilton', 'L8P'],
  ['London', 'N6A'],
  ['Kingston', 'K7L'],
  ['Windsor', 'N9A'],
];
const UNMET = ['no_service_exists', 'not_eligible', 'waitlist_full', 'cost', 'caller_declined'];

async function generate(services: string[]) {
  const rnd = random(2026);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)] as T;
  const out = createWriteStream(FILE);
  const yearStart = Date.parse('2025-01-01T05:00:00Z');
  for (let i = 0; i < COUNT; i++) {
    const started = yearStart + Math.floor((i / COUNT) * 365 * 86_400_000);
    const needCount = 1 + Math.floor(rnd() * 3);
    const needs = Array.from({ length: needCount }, () => {
      const category = pick(CATEGORIES);
      const termId = rnd() < 0.5 ? category : `${category}-${1 + Math.floor(rnd() * 3)}`;
      if (rnd() < 0.15) return { termId, unmetReason: pick(UNMET) };
      return {
        termId,
        referrals: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({
          serviceId: pick(services),
          serviceName: 'Service at the time',
          servicePhone: '807-555-0100',
          kind: rnd() < 0.9 ? 'referral' : 'warm_transfer',
        })),
      };
    });
    const [municipality, fsa] = pick(PLACES);
    const line = {
      externalId: `bench-${i}`,
      channel: pick(CHANNELS),
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 240_000 + Math.floor(rnd() * 600_000)).toISOString(),
      disposition: 'referral_given',
      caller: {
        phone: rnd() < 0.6 ? `613555${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}` : null,
        ageGroup: pick(AGES),
        gender: pick(GENDERS),
        language: rnd() < 0.8 ? 'en' : 'fr',
        location: rnd() < 0.1 ? { undisclosed: true } : { municipality, fsa },
        relation: 'self',
      },
      needs,
      crisisFlags: rnd() < 0.01 ? ['danger_to_self'] : [],
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

async function main() {
  const db = await freshDatabase('relais_bench_import');
  try {
    await seedTaxonomy(db.database);
    const orgId = randomUUID();
    await db.database.query(`INSERT INTO organizations (id, name_en) VALUES ($1, 'Bench org')`, [orgId]);
    const services = Array.from({ length: 200 }, () => randomUUID());
    await db.database.exec(
      `INSERT INTO services (id, organization_id, name_en) VALUES ${services
        .map((id, i) => `('${id}', '${orgId}', 'Service ${i}')`)
        .join(',')}`,
    );
    const genStart = Date.now();
    await generate(services);
    const size = (await stat(FILE)).size;
    process.stdout.write(
      `Generated ${COUNT} contacts (${(size / 1e6).toFixed(0)} MB) in ${((Date.now() - genStart) / 1000).toFixed(1)} s: ${FILE}\n`,
    );

    const run = async (label: string) => {
      const started = Date.now();
      await contactsCommands['import:contacts']?.run({
        config: testConfig({ databaseUrl: db.url }),
        database: db.database,
        flags: Object.fromEntries(
          ['batch', 'parallel'].flatMap((f) => (process.argv.includes(`--${f}`) ? [[f, arg(f, '')]] : [])),
        ),
        args: [FILE],
        out: (line) => process.stdout.write(`  ${line}\n`),
      });
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`${label}: ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} contacts/s)\n`);
      return seconds;
    };
    const first = await run('Import');
    const counts = await db.database.query<{
      contacts: number;
      needs: number;
      referrals: number;
      audit: number;
    }>(
      `SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM contact_needs) AS needs,
              (SELECT count(*)::int FROM contact_referrals) AS referrals,
              (SELECT count(*)::int FROM audit_log WHERE action = 'import') AS audit`,
    );
    process.stdout.write(`Rows: ${JSON.stringify(counts[0])}\n`);
    await run('Re-import of the same file (creates nothing)');
    process.stdout.write(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}. ` + `Target < 120 s: ${first < 120 ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    process.exitCode = 0;
    await db.drop();
    if (!process.argv.includes('--keep-file')) await rm(FILE, { force: true });
  }
}

void main();
