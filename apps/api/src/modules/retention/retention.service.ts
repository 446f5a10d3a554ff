import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../lib/context';
import { withTransaction } from '../../lib/transaction';
import * as q from './retention.queries';

/**
 * Retention policy (RETENTION_DAYS): contacts closed more than N days ago lose what identifies the caller — name,
 * phone number and every free-text note — and keep what the statistics need. A reports module can rely on it:
 * the columns below stay as they were, and contact_retention names the contacts that hold statistics only.
 */

/** Removed, by the names the audit uses (see retention.queries.ts for the columns). */
export const ERASED_FIELDS = q.ERASED_FIELD_NAMES;

/** Kept for the statistics, per table (the free-text line fields aside, every line field is kept). */
export const KEPT_FOR_REPORTS = {
  contacts: [
    'channel',
    'line_id',
    'specialist_id',
    'started_at',
    'ended_at',
    'closed_at',
    'disposition',
    'caller_age_group',
    'caller_gender',
    'caller_language',
    'caller_relation',
    'caller_location_undisclosed',
    'caller_municipality',
    'caller_fsa',
    'no_need',
    'crisis_flags',
    'line_fields (boolean, select, number and date fields)',
  ],
  contact_needs: ['term_id', 'category_id', 'unmet_reason'],
  contact_referrals: ['service_id', 'location_id', 'kind', 'the directory snapshot (names, phone)'],
  follow_ups: ['due_at', 'status', 'completed_at', 'assigned_to_id'],
} as const;

/** Contacts per transaction: a run on a large backlog never holds a PGlite process for long. */
export const RETENTION_BATCH = 500;

export interface RetentionReport {
  dryRun: boolean;
  days: number;
  /** Contacts closed before this instant are in scope. */
  closedBefore: string;
  /** Contacts anonymised (dry run: that would be). */
  contacts: number;
  /** Values removed per field (dry run: that would be), by audit name. */
  fields: q.FieldCounts;
  /** Set when another process held the retention lock: it is doing the work, this run stopped. */
  busy: boolean;
  /** The run's id in retention_runs and in its audit rows' request id; null when nothing changed. */
  runId: string | null;
}

const add = (a: q.FieldCounts, b: q.FieldCounts) => {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
};

/**
 * Applies the policy (or, with dryRun, only counts). Batches of `batchSize` contacts, each in its own
 * transaction with its audit rows: one per contact, and one for the run (written with its first batch; the
 * run's count is in retention_runs). Two processes at once never do the same contact (retention.queries.ts).
 */
export async function runRetention({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'actor'>;
  input: { days: number; dryRun?: boolean; now?: Date; batchSize?: number };
}): Promise<RetentionReport> {
  const closedBefore = new Date((input.now ?? new Date()).getTime() - input.days * 86_400_000);
  const report: RetentionReport = {
    dryRun: input.dryRun === true,
    days: input.days,
    closedBefore: closedBefore.toISOString(),
    contacts: 0,
    fields: Object.fromEntries(ERASED_FIELDS.map((f) => [f, 0])),
    busy: false,
    runId: null,
  };
  if (report.dryRun) {
    const due = await q.countDue(ctx.db, closedBefore);
    return { ...report, contacts: due.contacts, fields: due.fields };
  }
  const runId = randomUUID();
  for (;;) {
    // The run's id is the request id of every audit row it writes.
    const done = await withTransaction({ ...ctx, requestId: runId }, async (tx, audit) => {
      if (!(await q.tryRetentionLock(tx))) return null;
      const ids = await q.claimDue(tx, { runId, closedBefore, limit: input.batchSize ?? RETENTION_BATCH });
      if (ids.length === 0) return { contacts: 0, fields: {} };
      const counted = await q.countClaimed(tx, ids);
      await q.eraseFields(tx, ids);
      await audit(
        ids.map((id) => ({
          action: 'anonymize',
          entityType: 'contact',
          entityId: id,
          fields: ERASED_FIELDS,
        })),
      );
      const first = await q.recordRun(tx, { runId, days: input.days, closedBefore, contacts: ids.length });
      if (first)
        await audit({
          action: 'retention',
          entityType: 'retention_run',
          entityId: runId,
          fields: ERASED_FIELDS,
        });
      return { contacts: ids.length, fields: counted.fields };
    });
    if (done === null) report.busy = true;
    if (!done?.contacts) break;
    report.contacts += done.contacts;
    add(report.fields, done.fields);
    report.runId = runId;
  }
  return report;
}
