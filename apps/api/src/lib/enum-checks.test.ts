import {
  AgeGroup,
  CallerRelation,
  Channel,
  ContactStatus,
  CrisisFlag,
  DirectoryStatus,
  Disposition,
  FollowUpStatus,
  Gender,
  LocationType,
  PhoneType,
  ReferralKind,
  UnmetReason,
} from '@relais/contracts';
import { createTestDatabase, rows, type Database } from '@relais/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The coded values live once, in @relais/contracts; the migrations repeat them as CHECK constraints. This reads
 * every CHECK of a migrated database that holds a list of values and holds it against the contract's enum.
 */

/** `table.column` → the contract enum its CHECK must allow, exactly. */
const CHECKED: Record<string, readonly string[]> = {
  'organizations.status': DirectoryStatus.options,
  'locations.status': DirectoryStatus.options,
  'services.status': DirectoryStatus.options,
  'locations.location_type': LocationType.options,
  'phones.type': PhoneType.options,
  'contacts.status': ContactStatus.options,
  'contacts.channel': Channel.options,
  'contacts.disposition': Disposition.options,
  'contacts.caller_age_group': AgeGroup.options,
  'contacts.caller_gender': Gender.options,
  'contacts.caller_relation': CallerRelation.options,
  'contacts.crisis_flags': CrisisFlag.options,
  'contact_needs.unmet_reason': UnmetReason.options,
  'contact_referrals.kind': ReferralKind.options,
  'follow_ups.status': FollowUpStatus.options,
};

/** Value lists the contracts do not define (the console never sends them); named so a new one is noticed. */
const WITHOUT_CONTRACT = new Set(['schedules.freq', 'service_areas.extent_type']);

interface CheckRow {
  name: string;
  table: string;
  columns: string[];
  definition: string;
}

/**
 * The values of a CHECK that allows a list (`IN (…)`, `<@ ARRAY[…]`, or `= 'one'`), as PostgreSQL prints it
 * back (`col = ANY (ARRAY['a'::text, …])`); null for any other check (ranges, patterns, combinations).
 */
function listedValues(definition: string): string[] | null {
  const literals = (s: string) =>
    [...s.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1]?.replace(/''/g, "'") ?? '');
  const list = /(?:= ANY \(|<@ )\(?ARRAY\[([^\]]*)\]/.exec(definition);
  if (list?.[1] !== undefined) return literals(list[1]);
  const one = /^CHECK \(\(\(?\w+\)? = ('(?:[^']|'')*'::text)\)\)$/.exec(definition);
  return one?.[1] !== undefined ? literals(one[1]) : null;
}

const sorted = (values: readonly string[]) => [...values].sort();

describe('CHECK constraints and the contracts', () => {
  let database: Database;
  let checks: Array<CheckRow & { values: string[] }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const found = await rows<CheckRow>(
      database.db,
      sql`SELECT c.conname AS name, t.relname AS "table",
            array_agg(a.attname::text ORDER BY a.attnum) AS columns, pg_get_constraintdef(c.oid) AS definition
          FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'c'
          GROUP BY c.oid, c.conname, t.relname
          ORDER BY t.relname, c.conname`,
    );
    checks = found.flatMap((c) => {
      const values = c.columns.length === 1 ? listedValues(c.definition) : null;
      return values ? [{ ...c, values }] : [];
    });
  });
  afterAll(async () => database.close());

  it('reads value lists the way PostgreSQL prints them', () => {
    expect(listedValues(`CHECK ((status = ANY (ARRAY['draft'::text, 'closed'::text])))`)).toEqual([
      'draft',
      'closed',
    ]);
    expect(listedValues(`CHECK ((crisis_flags <@ ARRAY['abuse'::text, 'it''s'::text]))`)).toEqual([
      'abuse',
      "it's",
    ]);
    expect(listedValues(`CHECK ((freq = 'WEEKLY'::text))`)).toEqual(['WEEKLY']);
    expect(listedValues(`CHECK ((byday ~ '^(MO|TU)$'::text))`)).toBeNull();
    expect(listedValues(`CHECK (((latitude >= '-90'::integer) AND (latitude <= 90)))`)).toBeNull();
  });

  it('every CHECK that lists values allows exactly the values of its contract enum', () => {
    expect(checks.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const check of checks) {
      const key = `${check.table}.${check.columns[0]}`;
      const contract = CHECKED[key];
      if (!contract) {
        if (!WITHOUT_CONTRACT.has(key))
          problems.push(`${check.name} (${key}): no contract enum is named for it`);
        continue;
      }
      const onlyInDatabase = sorted(check.values.filter((v) => !contract.includes(v)));
      const onlyInContract = sorted(contract.filter((v) => !check.values.includes(v)));
      if (onlyInDatabase.length || onlyInContract.length) {
        problems.push(
          `${check.name} (${key}): only in the database [${onlyInDatabase.join(', ')}], ` +
            `only in the contract [${onlyInContract.join(', ')}]`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('every contract enum named here has its CHECK in the database', () => {
    const present = new Set(checks.map((c) => `${c.table}.${c.columns[0]}`));
    expect(Object.keys(CHECKED).filter((key) => !present.has(key))).toEqual([]);
  });
});
