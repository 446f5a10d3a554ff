import { randomUUID } from 'node:crypto';
import { ImportContactLine, topLevelCategory, type FieldError, type ImportReport } from '@relais/contracts';
import type { Db } from '@relais/db';
import type { z } from 'zod';
import type { ServiceContext } from '../../lib/context';
import { withTransaction } from '../../lib/transaction';
import {
  insertImportAudit,
  insertImportedContacts,
  insertImportedNeeds,
  insertImportedReferrals,
  locationIds,
  serviceIds,
  staffEmails,
  taxonomyTree,
} from './contacts.import.queries';
import { linesOf } from './contacts.lines';
import type { LineRow } from './contacts.records';
import { lineFieldErrors, normalisePhone } from './contacts.rules';

/**
 * POST /api/contacts/import and `pnpm cli import:contacts`: bulk import of historical contacts
 * (docs/contacts-ndjson.md). Every line is validated on its own; valid lines are written in batches (one
 * transaction and four multi-row statements per batch), and externalId is unique so importing the same file
 * again creates nothing twice.
 */

type Line = z.output<typeof ImportContactLine>;
const MAX_REPORTED = 1000;
export const IMPORT_BATCH_SIZE = 5000;

interface Reference {
  categoryOf: Map<string, string>;
  services: Set<string>;
  locations: Set<string>;
  staffByEmail: Map<string, string>;
  lines: Map<string, LineRow>;
}

async function loadReference(db: Db): Promise<Reference> {
  const terms = await taxonomyTree(db);
  const parent = new Map(terms.map((t) => [t.id, t.parent_id]));
  const categoryOf = new Map<string, string>();
  for (const t of terms)
    categoryOf.set(
      t.id,
      topLevelCategory(t.id, (id) => parent.get(id)),
    );
  const staff = await staffEmails(db);
  return {
    categoryOf,
    services: new Set(await serviceIds(db)),
    locations: new Set(await locationIds(db)),
    staffByEmail: new Map(staff.map((s) => [s.email, s.id])),
    lines: await linesOf(db),
  };
}

/** The reporting minimum and references of one parsed line. */
function lineErrors(c: Line, ref: Reference): FieldError[] {
  const errors: FieldError[] = [];
  const line = ref.lines.get(c.lineId);
  if (!line) errors.push({ path: 'lineId', message: `${c.lineId} is not a line` });
  else errors.push(...lineFieldErrors(line, c.lineFields));
  if (c.specialistEmail && !ref.staffByEmail.has(c.specialistEmail.toLowerCase()))
    errors.push({ path: 'specialistEmail', message: 'is not a staff member here (leave it out)' });
  const loc = c.caller.location;
  if (loc.undisclosed && (loc.municipality || loc.fsa))
    errors.push({
      path: 'caller.location',
      message: 'undisclosed cannot be combined with a municipality or FSA',
    });
  if (!loc.undisclosed && !loc.municipality && !loc.fsa)
    errors.push({ path: 'caller.location', message: 'give a municipality, an FSA, or undisclosed: true' });
  if (c.caller.phone) {
    const digits = normalisePhone(c.caller.phone);
    if (!digits || digits.length < 3 || digits.length > 20)
      errors.push({ path: 'caller.phone', message: 'must be a phone number (3 to 20 digits)' });
  }
  if (!c.noNeed && c.needs.length === 0)
    errors.push({ path: 'needs', message: 'give at least one need, or noNeed: true' });
  if (c.noNeed && c.needs.length > 0)
    errors.push({ path: 'noNeed', message: 'cannot be combined with needs' });
  c.needs.forEach((n, i) => {
    if (!ref.categoryOf.has(n.termId))
      errors.push({ path: `needs.${i}.termId`, message: `${n.termId} is not a taxonomy term` });
    if (n.referrals.length === 0 && !n.unmetReason)
      errors.push({ path: `needs.${i}`, message: 'a need has referrals or an unmetReason' });
    n.referrals.forEach((r, j) => {
      if (r.serviceId && !ref.services.has(r.serviceId))
        errors.push({
          path: `needs.${i}.referrals.${j}.serviceId`,
          message: 'is not a service of the directory',
        });
      if (r.locationId && !ref.locations.has(r.locationId))
        errors.push({
          path: `needs.${i}.referrals.${j}.locationId`,
          message: 'is not a site of the directory',
        });
    });
  });
  if (c.endedAt && Date.parse(c.endedAt) < Date.parse(c.startedAt))
    errors.push({ path: 'endedAt', message: 'is before startedAt' });
  return errors;
}

async function writeBatch(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId'>,
  batch: Line[],
  ref: Reference,
) {
  const contacts = batch.map((c) => ({
    id: randomUUID(),
    external_id: c.externalId,
    channel: c.channel,
    line_id: c.lineId,
    specialist_id: c.specialistEmail ? (ref.staffByEmail.get(c.specialistEmail.toLowerCase()) ?? null) : null,
    started_at: c.startedAt,
    ended_at: c.endedAt ?? c.startedAt,
    disposition: c.disposition ?? null,
    notes: c.notes ?? null,
    caller_first_name: c.caller.firstName || null,
    caller_phone_digits: c.caller.phone ? normalisePhone(c.caller.phone) : null,
    caller_age_group: c.caller.ageGroup,
    caller_gender: c.caller.gender,
    caller_language: c.caller.language ?? null,
    caller_location_undisclosed: c.caller.location.undisclosed,
    caller_municipality: c.caller.location.municipality ?? null,
    caller_fsa: c.caller.location.fsa ?? null,
    caller_relation: c.caller.relation ?? null,
    no_need: c.noNeed,
    crisis_flags: [...new Set(c.crisisFlags)].sort(),
    line_fields: c.lineFields,
  }));
  return withTransaction(ctx, async (tx) => {
    const created = await insertImportedContacts(tx, contacts);
    const createdIds = new Set(created.map((r) => r.id));
    const needs: unknown[] = [];
    const referrals: unknown[] = [];
    batch.forEach((c, i) => {
      const contactId = contacts[i]?.id ?? '';
      if (!createdIds.has(contactId)) return;
      c.needs.forEach((n, position) => {
        const needId = randomUUID();
        needs.push({
          id: needId,
          contact_id: contactId,
          term_id: n.termId,
          category_id: ref.categoryOf.get(n.termId) ?? n.termId,
          unmet_reason: n.unmetReason ?? null,
          unmet_note: n.unmetNote ?? null,
          position,
        });
        n.referrals.forEach((r, j) =>
          referrals.push({
            id: randomUUID(),
            contact_id: contactId,
            need_id: needId,
            service_id: r.serviceId ?? null,
            location_id: r.locationId ?? null,
            kind: r.kind,
            service_name: r.serviceName,
            service_phone: r.servicePhone ?? null,
            position: j,
          }),
        );
      });
    });
    await insertImportedNeeds(tx, needs);
    await insertImportedReferrals(tx, referrals);
    await insertImportAudit(
      tx,
      ctx,
      created.map((r) => r.id),
    );
    return created.length;
  });
}

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(line)', message: i.message }));
}

/** Imports NDJSON lines (any iterable, e.g. a file read line by line); returns the report. */
export async function importContacts({
  ctx,
  lines,
  batchSize = IMPORT_BATCH_SIZE,
  parallel = 3,
  onProgress,
}: {
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId'>;
  lines: AsyncIterable<string> | Iterable<string>;
  batchSize?: number;
  /** Batches written at once (each on its own connection of the pool). */
  parallel?: number;
  onProgress?: (report: ImportReport) => void;
}): Promise<ImportReport> {
  const ref = await loadReference(ctx.db);
  const report: ImportReport = { lines: 0, created: 0, alreadyImported: 0, rejectedCount: 0, rejected: [] };
  const seen = new Map<string, number>();
  let batch: Line[] = [];
  const reject = (line: number, externalId: string | null, errors: FieldError[]) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_REPORTED) report.rejected.push({ line, externalId, errors });
  };
  // Up to `parallel` batches in flight: the database writes one while the next lines are parsed.
  const inFlight: Array<Promise<void>> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const size = batch.length;
    const write = writeBatch(ctx, batch, ref).then((created) => {
      report.created += created;
      report.alreadyImported += size - created;
      onProgress?.(report);
    });
    batch = [];
    write.catch(() => undefined); // awaited below; this only stops an early failure being "unhandled"
    inFlight.push(write);
    if (inFlight.length >= parallel) await inFlight.shift();
  };
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = raw.trim();
    if (!text) continue;
    report.lines++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      reject(lineNo, null, [{ path: '(line)', message: `is not valid JSON: ${(err as Error).message}` }]);
      continue;
    }
    const parsed = ImportContactLine.safeParse(value);
    const externalId =
      value && typeof value === 'object' && typeof (value as { externalId?: unknown }).externalId === 'string'
        ? (value as { externalId: string }).externalId
        : null;
    if (!parsed.success) {
      reject(lineNo, externalId, zodErrors(parsed.error));
      continue;
    }
    const errors = lineErrors(parsed.data, ref);
    const earlier = seen.get(parsed.data.externalId);
    if (earlier !== undefined)
      errors.push({ path: 'externalId', message: `is already used on line ${earlier} of this file` });
    if (errors.length) {
      reject(lineNo, externalId, errors);
      continue;
    }
    seen.set(parsed.data.externalId, lineNo);
    batch.push(parsed.data);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  return report;
}
