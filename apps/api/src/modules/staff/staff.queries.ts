import type { StaffListQuery } from '@relais/contracts';
import { schema, type Db } from '@relais/db';
import { and, arrayContains, eq, ilike, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';

const { staff, sessions } = schema;

export type StaffRow = typeof staff.$inferSelect;

export async function insertStaff(
  db: Db,
  values: { email: string; name: string; passwordHash: string; roles: string[]; locale?: string },
) {
  const [row] = await db.insert(staff).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function countActiveAdmins(db: Db) {
  return db.$count(staff, and(isNull(staff.disabledAt), arrayContains(staff.roles, ['admin'])));
}

export async function findStaffById(db: Db, id: string) {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

/** Locks one staff row for the rest of the transaction. */
export async function lockStaff(db: Db, id: string) {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).for('update');
  return row;
}

/**
 * Locks every active admin and returns their ids. Two admins demoting or disabling each other at once
 * queue here, and the second sees the first's change, so the last admin cannot disappear.
 */
export async function lockActiveAdmins(db: Db) {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(isNull(staff.disabledAt), arrayContains(staff.roles, ['admin'])))
    .orderBy(staff.id)
    .for('update');
  return rows.map((r) => r.id);
}

export async function listStaff(db: Db, query: StaffListQuery) {
  const filters: SQL[] = [];
  if (query.status === 'active') filters.push(isNull(staff.disabledAt));
  if (query.status === 'disabled') filters.push(isNotNull(staff.disabledAt));
  if (query.role) filters.push(arrayContains(staff.roles, [query.role]));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(staff.name, like), ilike(staff.email, like));
    if (match) filters.push(match);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [items, total] = await Promise.all([
    db
      .select()
      .from(staff)
      .where(where)
      .orderBy(sql`${staff.disabledAt} IS NOT NULL`, staff.name, staff.id)
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.$count(staff, where),
  ]);
  return { items, total };
}

export async function updateStaff(
  db: Db,
  id: string,
  values: Partial<
    Pick<
      StaffRow,
      | 'name'
      | 'roles'
      | 'locale'
      | 'passwordHash'
      | 'disabledAt'
      | 'mustChangePassword'
      | 'totpSecret'
      | 'totpPendingSecret'
      | 'totpEnabledAt'
      | 'totpLastCounter'
    >
  >,
) {
  const [row] = await db
    .update(staff)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(staff.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Ends a person's sessions (but `keepSessionId`); returns the ids of those it ended. */
export async function deleteSessionsOf(db: Db, staffId: string, keepSessionId?: string) {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.staffId, staffId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  return ended.map((s) => s.id);
}
