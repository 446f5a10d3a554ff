import type { ContactVersionConflict } from '@relais/contracts';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, conflict } from '../../lib/errors';
import { toContact } from './contacts.mapping';
import { differingFields, type DraftPatch } from './contacts.patch';
import type { ContactRecord, LineRow } from './contacts.records';

/**
 * Optimistic concurrency: every change of a contact or its children bumps its version, and a write names the
 * version it was made on. A stale one is refused with what differs and the contact as it is now.
 */

/** 409 when the client's version is stale (with what differs) or the contact is no longer a draft. */
export function assertCurrent(
  before: ContactRecord,
  version: number,
  patch: DraftPatch | null,
  lines: Map<string, LineRow>,
) {
  if (before.version !== version) {
    const details: ContactVersionConflict = {
      currentVersion: before.version,
      differingFields: patch ? differingFields(before, patch) : [],
      current: toContact(before, lines.get(before.lineId)),
    };
    throw new AppError(
      'conflict',
      `This contact was changed elsewhere (now version ${before.version}, you had ${version})`,
      { details: { ...details } },
    );
  }
  if (before.status !== 'draft')
    throw conflict('This contact is closed and can no longer be edited', { status: before.status });
}

/**
 * A version conflict answers with the current contact (ContactVersionConflict.current): that is a read, audited
 * once the refused transaction is over (a row written inside it would roll back with it).
 */
export async function auditingConflict<T>(
  ctx: ServiceContext,
  id: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict' && err.options.details?.current) {
      await writeAudit(ctx.db, ctx, {
        action: 'read',
        entityType: 'contact',
        entityId: id,
        fields: ['conflict'],
      });
    }
    throw err;
  }
}
