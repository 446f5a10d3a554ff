import type { Db } from '@relais/db';
import { groupCommit, lane } from '../../lib/group-commit';
import { perDatabase } from '../../lib/per-database';
import {
  closeAllReady,
  insertContactDocuments,
  type CloseWrite,
  type ContactDocumentWrite,
  type WrittenDocument,
} from './contacts.groups.queries';
import type { RawContact } from './contacts.records';

/**
 * Per database: concurrent creates and wrap-ups go to PostgreSQL in groups (see lib/group-commit), and the two
 * kinds take turns in one lane, so one of their statements runs at a time. Side by side they compete for the
 * same cores and each takes longer; one at a time, each finishes sooner and the groups are larger. The price:
 * a group waiting for a row lock (a wrap-up behind an autosave of the same contact, which commits within
 * milliseconds) holds up the creates behind it that long.
 */
const groupsOf = perDatabase((db: Db) => {
  const writes = lane();
  return {
    create: groupCommit(
      async (docs: ContactDocumentWrite[]) => {
        const written = await insertContactDocuments(db, inKeyOrder(docs, createKey));
        const byId = new Map(written.map((w) => [w.id, w]));
        return docs.map((d) => byId.get(d.contact.id));
      },
      { keyOf: createKey, retryAlone: true, lane: writes },
    ),
    close: groupCommit(
      async (closes: CloseWrite[]) => {
        const closed = await closeAllReady(
          db,
          inKeyOrder(closes, (c) => c.id),
        );
        const byId = new Map(closed.map((c) => [c.id, c]));
        return closes.map((c) => byId.get(c.id));
      },
      { keyOf: (c) => c.id, retryAlone: true, lane: writes },
    ),
  };
});

/** The row a create may contend for with another request: its Idempotency-Key, else only its own id. */
const createKey = (d: ContactDocumentWrite) => (d.claim ? `${d.claim.ownerId} ${d.claim.key}` : d.contact.id);

/**
 * Groups write their rows in key order, so two groups that share rows (a double-submitted wrap-up, a retried
 * create) take the locks in the same order and wait for each other instead of deadlocking.
 */
const inKeyOrder = <T>(items: T[], key: (item: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/**
 * Creates one contact (see insertContactDocuments), grouped with the creates running at the same moment.
 * Returns undefined when the Idempotency-Key was already taken.
 */
export function createInGroup(db: Db, doc: ContactDocumentWrite): Promise<WrittenDocument | undefined> {
  return groupsOf(db).create(doc);
}

/** Closes one contact if ready (see closeAllReady), grouped with the wrap-ups running at the same moment. */
export function closeInGroup(db: Db, close: CloseWrite): Promise<RawContact | undefined> {
  return groupsOf(db).close(close);
}
