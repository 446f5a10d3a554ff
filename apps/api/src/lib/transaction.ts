import type { Db } from '@relais/db';
import { writeAudit, type AuditEntry } from './audit';
import type { ServiceContext } from './context';

/** Writes audit rows in the surrounding transaction. */
export type Audit = (entries: AuditEntry | AuditEntry[]) => Promise<void>;

/**
 * The one way a service writes: one transaction, and an audit writer whose rows commit or roll back with
 * the change. Publish realtime events after this resolves, never inside it.
 */
export function withTransaction<T>(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId'>,
  work: (tx: Db, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction((tx) => work(tx, (entries) => writeAudit(tx, ctx, entries)));
}
