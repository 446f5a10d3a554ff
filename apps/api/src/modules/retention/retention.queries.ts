import { rows, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';

/**
 * SQL of the retention policy (retention.service.ts). The personal fields it removes are listed once, here,
 * with the audit name each goes by; everything else on a contact stays for the statistics.
 */

/** Types of line fields whose values are codes, numbers or dates: kept. Any other (free text) is removed. */
const CODED_LINE_FIELD_TYPES = sql.raw(`ARRAY['boolean', 'select', 'number', 'date']`);

/** The contact's line fields without the free-text ones (nor keys its line no longer defines). */
const codedLineFields = sql`(
  SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(c.line_fields) e
  WHERE e.key IN (SELECT f->>'key' FROM lines l CROSS JOIN jsonb_array_elements(l.fields) f
                  WHERE l.id = c.line_id AND f->>'type' = ANY(${CODED_LINE_FIELD_TYPES})))`;

/** Audit name → how to count, among the contacts `c` of a scope, the values it would remove. */
const FIELD_COUNTS: Array<[string, SQL]> = [
  ['caller.firstName', sql`(SELECT count(*) FROM scope c WHERE c.caller_first_name IS NOT NULL)`],
  ['caller.phone', sql`(SELECT count(*) FROM scope c WHERE c.caller_phone_digits IS NOT NULL)`],
  ['notes', sql`(SELECT count(*) FROM scope c WHERE c.notes IS NOT NULL)`],
  ['noFollowUpReason', sql`(SELECT count(*) FROM scope c WHERE c.no_follow_up_reason IS NOT NULL)`],
  ['lineFields.text', sql`(SELECT count(*) FROM scope c WHERE c.line_fields <> ${codedLineFields})`],
  [
    'needs.note',
    sql`(SELECT count(*) FROM contact_needs n JOIN scope c ON c.id = n.contact_id WHERE n.note IS NOT NULL)`,
  ],
  [
    'needs.unmetNote',
    sql`(SELECT count(*) FROM contact_needs n JOIN scope c ON c.id = n.contact_id WHERE n.unmet_note IS NOT NULL)`,
  ],
  [
    'referrals.note',
    sql`(SELECT count(*) FROM contact_referrals r JOIN scope c ON c.id = r.contact_id WHERE r.note IS NOT NULL)`,
  ],
  [
    'followUps.note',
    sql`(SELECT count(*) FROM follow_ups f JOIN scope c ON c.id = f.contact_id WHERE f.note IS NOT NULL)`,
  ],
  [
    'followUps.outcome',
    sql`(SELECT count(*) FROM follow_ups f JOIN scope c ON c.id = f.contact_id WHERE f.outcome IS NOT NULL)`,
  ],
];

/** The audit names of the removed fields, in a fixed order. */
export const ERASED_FIELD_NAMES = FIELD_COUNTS.map(([name]) => name);

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Contacts in scope: closed before the cutoff, not yet anonymised, and without an open follow-up (its
 * notes are still needed to do it; the contact comes into scope once the follow-up is done or cancelled).
 */
const dueWhere = (
  closedBefore: Date,
) => sql`c.status = 'closed' AND c.closed_at < ${closedBefore.toISOString()}::timestamptz
  AND NOT EXISTS (SELECT 1 FROM contact_retention r WHERE r.contact_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.contact_id = c.id AND f.status = 'open')`;

export type FieldCounts = Record<string, number>;

async function countFields(db: Db, scope: SQL): Promise<{ contacts: number; fields: FieldCounts }> {
  const columns = FIELD_COUNTS.map(([name, count]) => sql`${count}::int AS ${sql.identifier(name)}`);
  const [row] = await rows<Record<string, number>>(
    db,
    sql`WITH scope AS (${scope}) SELECT (SELECT count(*) FROM scope)::int AS "$contacts", ${sql.join(columns, sql`, `)}`,
  );
  const { $contacts = 0, ...fields } = row ?? {};
  return { contacts: $contacts, fields };
}

/** What a run would change now: how many contacts, and how many values of each field. */
export function countDue(db: Db, closedBefore: Date) {
  return countFields(db, sql`SELECT c.* FROM contacts c WHERE ${dueWhere(closedBefore)}`);
}

/** The same figures for contacts already claimed (before their fields are removed). */
export function countClaimed(db: Db, ids: string[]) {
  return countFields(db, sql`SELECT c.* FROM contacts c WHERE c.id = ANY(${uuidArray(ids)})`);
}

/**
 * Only one API process (or CLI run) works at a time; the others skip this round. Held until the
 * transaction ends. On PGlite (one connection, one process) it is always free.
 */
export async function tryRetentionLock(tx: Db): Promise<boolean> {
  const [row] = await rows<{ locked: boolean }>(
    tx,
    sql`SELECT pg_try_advisory_xact_lock(hashtext('relais:retention')) AS locked`,
  );
  return row?.locked === true;
}

/**
 * Claims up to `limit` contacts in scope for a run, oldest closed first, and returns their ids. Rows another
 * transaction holds are skipped, and the primary key of contact_retention refuses a second claim, so no
 * contact is ever anonymised by two runs even without the lock.
 */
export async function claimDue(tx: Db, input: { runId: string; closedBefore: Date; limit: number }) {
  const claimed = await rows<{ id: string }>(
    tx,
    sql`WITH picked AS (
          SELECT c.id FROM contacts c WHERE ${dueWhere(input.closedBefore)}
          ORDER BY c.closed_at, c.id LIMIT ${input.limit} FOR UPDATE OF c SKIP LOCKED)
        INSERT INTO contact_retention (contact_id, run_id) SELECT id, ${input.runId}::uuid FROM picked
        ON CONFLICT DO NOTHING RETURNING contact_id AS id`,
  );
  return claimed.map((r) => r.id);
}

/** Removes the personal fields of these contacts, their needs, referrals and follow-ups. */
export async function eraseFields(tx: Db, ids: string[]): Promise<void> {
  const these = uuidArray(ids);
  await rows(
    tx,
    sql`UPDATE contacts c SET caller_first_name = NULL, caller_phone_digits = NULL, notes = NULL,
          no_follow_up_reason = NULL, line_fields = ${codedLineFields}, version = c.version + 1, updated_at = now()
        WHERE c.id = ANY(${these})`,
  );
  await rows(
    tx,
    sql`UPDATE contact_needs SET note = NULL, unmet_note = NULL
        WHERE contact_id = ANY(${these}) AND (note IS NOT NULL OR unmet_note IS NOT NULL)`,
  );
  await rows(
    tx,
    sql`UPDATE contact_referrals SET note = NULL WHERE contact_id = ANY(${these}) AND note IS NOT NULL`,
  );
  await rows(
    tx,
    sql`UPDATE follow_ups SET note = NULL, outcome = NULL
        WHERE contact_id = ANY(${these}) AND (note IS NOT NULL OR outcome IS NOT NULL)`,
  );
}

/** Adds a batch to its run's row (created by the first batch); true when this batch created it. */
export async function recordRun(
  tx: Db,
  input: { runId: string; days: number; closedBefore: Date; contacts: number },
): Promise<boolean> {
  const [row] = await rows<{ inserted: boolean }>(
    tx,
    sql`INSERT INTO retention_runs (id, days, closed_before, contacts)
        VALUES (${input.runId}::uuid, ${input.days}, ${input.closedBefore.toISOString()}::timestamptz, ${input.contacts})
        ON CONFLICT (id) DO UPDATE SET contacts = retention_runs.contacts + EXCLUDED.contacts, finished_at = now()
        RETURNING (xmax = 0) AS inserted`,
  );
  return row?.inserted === true;
}
