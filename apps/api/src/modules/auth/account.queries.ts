import { schema, type Db } from '@relais/db';
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';

const { staff, sessions } = schema;

export async function ownPasswordHash(db: Db, staffId: string) {
  const [row] = await db
    .select({ passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.id, staffId));
  return row?.passwordHash;
}

export async function lockOwnStaffRow(db: Db, staffId: string) {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId)).for('update');
  return row;
}

export async function updateOwnStaffRow(
  db: Db,
  staffId: string,
  values: Partial<
    Pick<
      typeof staff.$inferInsert,
      | 'passwordHash'
      | 'mustChangePassword'
      | 'totpSecret'
      | 'totpPendingSecret'
      | 'totpEnabledAt'
      | 'totpLastCounter'
    >
  >,
) {
  await db
    .update(staff)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(staff.id, staffId));
}

/** A staff member's live sessions, most recently used first. */
export async function liveSessionsOf(db: Db, staffId: string) {
  return db
    .select({
      sessionId: sessions.id,
      publicId: sessions.publicId,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.staffId, staffId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt), sessions.publicId);
}

/** Deletes one of a staff member's sessions by its public handle; returns its id (for its live sockets). */
export async function deleteSessionByPublicId(db: Db, staffId: string, publicId: string) {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.staffId, staffId), eq(sessions.publicId, publicId)))
    .returning({ id: sessions.id });
  return row?.id ?? null;
}

/** Deletes every session of a staff member but one; returns the ids ended. */
export async function deleteOtherSessions(db: Db, staffId: string, keepSessionId: string) {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.staffId, staffId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}
