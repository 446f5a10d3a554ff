import type { Contact, UpdateContactRequest } from '@relais/contracts';
import type { Db } from '@relais/db';
import type { z } from 'zod';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { assertCanWrite } from './contacts.access';
import { withForeignKeyExplained } from './contacts.errors';
import { publishAfterCommit } from './contacts.events';
import { lineIn, linesOf } from './contacts.lines';
import { toContact } from './contacts.mapping';
import { writeChildren } from './contacts.merge';
import { contactColumns, differingFields, type DraftPatch } from './contacts.patch';
import { findContact, updateContactRow } from './contacts.queries';
import type { LineRow } from './contacts.records';
import { assertCurrent, auditingConflict } from './contacts.versions';

/**
 * PATCH /api/contacts/:id: the console's autosave. Saves the fields present in the patch (absent = unchanged)
 * on the version the client had, in one transaction with one audit row per changed record.
 */
export async function autosaveContact({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: z.output<typeof UpdateContactRequest>;
}): Promise<Contact> {
  const { version, ...patch } = input;
  let crisisRaised = false;
  // Before the transaction: inside it, a query on ctx.db would wait for a second connection (PGlite has one).
  const lines = await linesOf(ctx.db);
  const contact = await auditingConflict(ctx, id, () =>
    withForeignKeyExplained(ctx.db, patch, () =>
      withTransaction(ctx, async (tx, audit) => {
        const before = await loadForWrite(tx, ctx, id, version, patch, lines);
        const lineChanged = patch.lineId !== undefined && patch.lineId !== before.lineId;
        const line = lineIn(lines, patch.lineId ?? before.lineId, lineChanged);
        const columns = contactColumns(patch, line, lineChanged);
        const fields = differingFields(before, patch);
        crisisRaised = (columns.crisisFlags ?? []).some((f) => !before.crisisFlags.includes(f));
        const row = await updateContactRow(tx, id, columns, { crisisRaised });
        const children = await writeChildren(tx, id, before, patch, before.specialistId);
        await audit([{ action: 'update', entityType: 'contact', entityId: id, fields }, ...children.audit]);
        return toContact({ ...row, specialistName: before.specialistName, ...children }, line);
      }),
    ),
  );
  publishAfterCommit(ctx, contact, crisisRaised);
  return contact;
}

/** The contact locked for this transaction, if the actor may change it at this version. */
async function loadForWrite(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: DraftPatch,
  lines: Map<string, LineRow>,
) {
  const before = await findContact(tx, id, { forUpdate: true });
  if (!before) throw notFound('Contact');
  assertCanWrite(ctx.actor, before);
  assertCurrent(before, version, patch, lines);
  return before;
}
