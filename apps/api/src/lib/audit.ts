import { createHmac, randomBytes } from 'node:crypto';
import { rows, schema, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context';
import { perDatabase } from './per-database';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Names of the fields read or changed; never their values. */
  fields?: string[];
}

/**
 * Writes audit rows in one statement; call it inside the change's transaction (lib/transaction) so the
 * rows commit or roll back with it.
 */
export async function writeAudit(
  tx: Db,
  ctx: Pick<ServiceContext, 'actor' | 'requestId'>,
  entries: AuditEntry | AuditEntry[],
) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(schema.auditLog).values(
    list.map((entry) => ({
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      fields: entry.fields ?? null,
      requestId: ctx.requestId ?? null,
    })),
  );
}

/** Field names whose values differ between two versions of a record. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

// ---------------------------------------------------------------------------------------------------------
// Keyed hashes: the audit can say "the same number as that lookup" without holding the number. The key is
// AUDIT_HMAC_KEY when set; otherwise one generated at first use and kept in server_secrets, so hashes stay
// comparable across restarts and API processes (and no key is written in the code).

const HMAC_SECRET = 'audit_hmac_key';
const storedKey = perDatabase((db: Db) => loadOrCreateKey(db), { retryOnError: true });

async function loadOrCreateKey(db: Db): Promise<string> {
  await rows(
    db,
    sql`INSERT INTO server_secrets (name, value) VALUES (${HMAC_SECRET}, ${randomBytes(32).toString('hex')})
        ON CONFLICT (name) DO NOTHING`,
  );
  const [row] = await rows<{ value: string }>(
    db,
    sql`SELECT value FROM server_secrets WHERE name = ${HMAC_SECRET}`,
  );
  if (!row) throw new Error('server_secrets: the audit HMAC key could not be stored');
  return row.value;
}

/** The audit HMAC key: the configured one, else this database's (created once, then cached per process). */
export function auditHmacKey(db: Db, configured: string | undefined): Promise<string> {
  return configured ? Promise.resolve(configured) : storedKey(db);
}

/** HMAC-SHA-256 of a value (e.g. a phone number's digits) under the audit key, hex. */
export const keyedHash = (key: string, value: string) =>
  createHmac('sha256', key).update(value).digest('hex');
