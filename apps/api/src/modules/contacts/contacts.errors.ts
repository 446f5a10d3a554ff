import type { FieldError } from '@relais/contracts';
import type { Db } from '@relais/db';
import { AppError } from '../../lib/errors';
import type { DraftPatch } from './contacts.patch';
import { existingChildIds, unknownIds, unknownTerms } from './contacts.queries';

/** Saying which field of a contact is wrong: validation errors, and a refused write turned into one. */

export const validationError = (fields: FieldError[], message?: string) =>
  new AppError('validation', message ?? fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });

/**
 * Runs a write; if the database refuses it for a missing or reused reference (foreign key, NOT NULL, unique),
 * answers with the field to fix instead (400), when one can be named.
 */
export async function withForeignKeyExplained<T>(db: Db, patch: DraftPatch, run: () => Promise<T>) {
  try {
    return await run();
  } catch (err) {
    const code = pgCode(err);
    if (code === '23503' || code === '23502' || code === '23505') {
      const explained = await explainForeignKey(db, patch);
      if (explained) throw explained;
    }
    throw err;
  }
}

/** A foreign-key failure (unknown service, site or staff member) turned into a field error. */
async function explainForeignKey(db: Db, patch: DraftPatch): Promise<AppError | undefined> {
  const fields: FieldError[] = [];
  const refs = (patch.needs ?? []).flatMap((n, i) =>
    n.referrals.map((r, j) => ({ r, path: `needs.${i}.referrals.${j}` })),
  );
  const badServices = new Set(
    await unknownIds(
      db,
      'services',
      refs.flatMap(({ r }) => (r.serviceId ? [r.serviceId] : [])),
    ),
  );
  const badLocations = new Set(
    await unknownIds(
      db,
      'locations',
      refs.flatMap(({ r }) => (r.locationId ? [r.locationId] : [])),
    ),
  );
  for (const { r, path } of refs) {
    if (r.serviceId && badServices.has(r.serviceId))
      fields.push({ path: `${path}.serviceId`, message: 'is not a service of the directory' });
    if (r.locationId && badLocations.has(r.locationId))
      fields.push({ path: `${path}.locationId`, message: 'is not a site of the directory' });
  }
  const needs = patch.needs ?? [];
  const badTerms = new Set(
    await unknownTerms(
      db,
      needs.map((n) => n.termId),
    ),
  );
  needs.forEach((n, i) => {
    if (badTerms.has(n.termId))
      fields.push({ path: `needs.${i}.termId`, message: `${n.termId} is not a taxonomy term` });
  });
  const usedIds = new Set(
    await existingChildIds(db, [
      ...needs.map((n) => n.id),
      ...refs.map(({ r }) => r.id),
      ...(patch.followUps ?? []).map((f) => f.id),
    ]),
  );
  needs.forEach((n, i) => {
    if (usedIds.has(n.id))
      fields.push({ path: `needs.${i}.id`, message: 'is already used by another contact' });
  });
  for (const { r, path } of refs)
    if (usedIds.has(r.id)) fields.push({ path: `${path}.id`, message: 'is already used by another contact' });
  (patch.followUps ?? []).forEach((f, i) => {
    if (usedIds.has(f.id))
      fields.push({ path: `followUps.${i}.id`, message: 'is already used by another contact' });
  });
  const assignees = (patch.followUps ?? []).flatMap((f) => (f.assignedToId ? [f.assignedToId] : []));
  const badStaff = new Set(await unknownIds(db, 'staff', assignees));
  (patch.followUps ?? []).forEach((f, i) => {
    if (f.assignedToId && badStaff.has(f.assignedToId))
      fields.push({ path: `followUps.${i}.assignedToId`, message: 'is not a staff member' });
  });
  return fields.length ? validationError(fields) : undefined;
}

/** The PostgreSQL error code of a failed query (drizzle wraps driver errors in `cause`). */
function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
