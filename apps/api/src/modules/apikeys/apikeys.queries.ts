import { schema, type Db } from '@relais/db';
import { desc, eq, getTableColumns } from 'drizzle-orm';

const { apiKeys, staff } = schema;

export async function insertApiKey(
  db: Db,
  values: { name: string; prefix: string; keyHash: string; scopes: string[]; createdBy: string | null },
) {
  const [row] = await db.insert(apiKeys).values(values).returning({ id: apiKeys.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

const withCreator = (db: Db) =>
  db
    .select({ ...getTableColumns(apiKeys), creatorName: staff.name })
    .from(apiKeys)
    .leftJoin(staff, eq(staff.id, apiKeys.createdBy));

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

export async function listApiKeys(db: Db) {
  return withCreator(db).orderBy(desc(apiKeys.createdAt), apiKeys.id);
}

export async function findApiKey(db: Db, id: string) {
  const [row] = await withCreator(db).where(eq(apiKeys.id, id));
  return row;
}

export async function lockApiKey(db: Db, id: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).for('update');
  return row;
}

export async function markRevoked(db: Db, id: string) {
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
}
