import { preparedRows, schema, type Db } from '@relais/db';
import type { Role, Scope } from '@relais/contracts';
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { groupCommit } from '../../lib/group-commit';
import { perDatabase } from '../../lib/per-database';

const { staff, sessions, apiKeys, loginAttempts } = schema;

export async function findStaffByEmail(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(staff)
    .where(eq(sql`lower(${staff.email})`, email.toLowerCase()));
  return row;
}

export async function insertSession(
  db: Db,
  values: {
    id: string;
    staffId: string;
    csrfToken: string;
    expiresAt: Date;
    absoluteExpiresAt: Date;
    ip?: string;
    userAgent?: string;
  },
) {
  await db.insert(sessions).values(values);
}

interface LiveSessionRow {
  sessionId: string;
  publicId: string;
  csrfToken: string;
  lastSeenAt: Date | string;
  expiresAt: Date | string;
  absoluteExpiresAt: Date | string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  staffId: string;
  email: string;
  name: string;
  roles: string[];
  locale: string;
}

/** The live sessions among these ids (token hashes), with their staff members; expired or disabled ones are left out. */
async function findLiveSessions(db: Db, sessionIds: string[]) {
  // Every signed-in request runs this: a named prepared statement, planned once per connection. The ids are
  // hex digests, so they go as one array literal (one parameter whatever their number).
  return preparedRows<LiveSessionRow>(
    db,
    'auth-find-live-sessions-v2',
    sql`SELECT s.id AS "sessionId", s.public_id AS "publicId", s.csrf_token AS "csrfToken",
          s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
          s.absolute_expires_at AS "absoluteExpiresAt", st.id AS "staffId", st.email, st.name, st.roles,
          st.locale, st.must_change_password AS "mustChangePassword",
          (st.totp_enabled_at IS NOT NULL) AS "totpEnabled"
        FROM sessions s JOIN staff st ON st.id = s.staff_id
        WHERE s.id = ANY(${`{${sessionIds.join(',')}}`}::text[]) AND s.expires_at > now()
          AND st.disabled_at IS NULL`,
  );
}

/** Per database: the session lookups of concurrent requests go as one statement (see lib/group-commit). */
const lookupOf = perDatabase((db: Db) =>
  groupCommit(
    async (ids: string[]) => {
      const found = new Map((await findLiveSessions(db, ids)).map((row) => [row.sessionId, row]));
      return ids.map((id) => found.get(id));
    },
    { concurrency: 2 },
  ),
);

/** The live session for a token hash, with its staff member; null when expired, unknown or disabled. */
export async function findLiveSession(db: Db, sessionId: string) {
  if (!/^[0-9a-f]+$/.test(sessionId)) return null;
  const row = await lookupOf(db)(sessionId);
  return row
    ? {
        ...row,
        lastSeenAt: new Date(row.lastSeenAt),
        expiresAt: new Date(row.expiresAt),
        absoluteExpiresAt: new Date(row.absoluteExpiresAt),
        roles: row.roles as Role[],
      }
    : null;
}

/** Slides the idle expiry, never past the session's absolute end. */
export async function touchSession(db: Db, sessionId: string, idleMinutes: number) {
  const [row] = await db
    .update(sessions)
    .set({
      lastSeenAt: sql`now()`,
      expiresAt: sql`LEAST(now() + make_interval(mins => ${idleMinutes}), ${sessions.absoluteExpiresAt})`,
    })
    .where(eq(sessions.id, sessionId))
    .returning({ expiresAt: sessions.expiresAt });
  return row?.expiresAt;
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function findLiveApiKey(db: Db, keyHash: string) {
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return row ? { ...row, scopes: row.scopes as Scope[] } : null;
}

export async function touchApiKey(db: Db, id: string) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiKeys.id, id));
}

// Failed sign-in bookkeeping for the login rate limit.

export async function insertLoginAttempt(db: Db, values: { accountKey: string; ip: string }) {
  const [row] = await db.insert(loginAttempts).values(values).returning({ id: loginAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function deleteLoginAttempt(db: Db, id: number) {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}

/** Times of the attempts within the window, oldest first (for one account from one address, or one address). */
export async function recentAttempts(
  db: Db,
  where: { accountKey: string; ip: string } | { ip: string },
  windowMinutes: number,
  limit: number,
) {
  const key =
    'accountKey' in where
      ? and(eq(loginAttempts.accountKey, where.accountKey), eq(loginAttempts.ip, where.ip))
      : eq(loginAttempts.ip, where.ip);
  return db
    .select({ id: loginAttempts.id, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(key, gt(loginAttempts.at, sql`now() - make_interval(mins => ${windowMinutes})`)))
    .orderBy(asc(loginAttempts.at))
    .limit(limit);
}

export async function clearAccountAttempts(db: Db, who: { accountKey: string; ip: string }) {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, who.accountKey), eq(loginAttempts.ip, who.ip)));
}

export async function deleteOldAttempts(db: Db, windowMinutes: number) {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, sql`now() - make_interval(mins => ${windowMinutes})`));
}

export async function markLoggedIn(db: Db, staffId: string) {
  await db
    .update(staff)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(staff.id, staffId));
}

/** Records the TOTP step just accepted; false when that step (or a later one) was already used. */
export async function acceptTotpStep(db: Db, staffId: string, step: number) {
  const rows = await db
    .update(staff)
    .set({ totpLastCounter: step })
    .where(and(eq(staff.id, staffId), or(isNull(staff.totpLastCounter), lt(staff.totpLastCounter, step))))
    .returning({ id: staff.id });
  return rows.length === 1;
}
