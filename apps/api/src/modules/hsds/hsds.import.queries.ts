import { rows, schema, type Db } from '@relais/db';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** Write side of the HSDS import: upserts by id that tell created, updated and unchanged apart. */

export type Outcome = 'created' | 'updated' | 'unchanged';

/** A PostgreSQL array literal, passed as one parameter (Drizzle would spread a JS array into a list). */
export const arrayLiteral = (values: string[]) =>
  `{${values.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

export interface UpsertOptions {
  /** Bump `version` and `updated_at` when the row changes (records editors edit). */
  versioned?: boolean;
  /** Only `updated_at` is bumped on change. */
  timestamped?: boolean;
  /** New-value expressions that replace `EXCLUDED.<column>` for some columns, keyed by column name. */
  exprs?: Record<string, SQL>;
}

/**
 * INSERT … ON CONFLICT (id) DO UPDATE, touching only the given columns and only when one of them differs,
 * so importing the same file twice changes nothing the second time.
 */
export async function upsert(
  db: Db,
  table: PgTable,
  values: Record<string, unknown>,
  options: UpsertOptions = {},
): Promise<Outcome> {
  const columns = getTableColumns(table);
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`No column ${k}`);
    return column.name;
  });
  const t = sql.identifier(tableName(table));
  const updatable = names.filter((n) => n !== 'id');
  const newValue = (n: string) => options.exprs?.[n] ?? sql.raw(`EXCLUDED.${quote(n)}`);
  const set = updatable.map((n) => sql`${sql.identifier(n)} = ${newValue(n)}`);
  if (options.versioned) set.push(sql`version = ${t}.version + 1`);
  if (options.versioned || options.timestamped) set.push(sql`updated_at = now()`);
  const conflict =
    updatable.length === 0
      ? sql`DO NOTHING`
      : sql`DO UPDATE SET ${sql.join(set, sql`, `)}
          WHERE ROW(${sql.join(
            updatable.map((n) => sql`${t}.${sql.identifier(n)}`),
            sql`, `,
          )}) IS DISTINCT FROM ROW(${sql.join(updatable.map(newValue), sql`, `)})`;
  const result = await rows<{ inserted: boolean }>(
    db,
    sql`INSERT INTO ${t} (${sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    )}) VALUES (${sql.join(
      keys.map((k) => sql`${param(values[k])}`),
      sql`, `,
    )}) ON CONFLICT (id) ${conflict} RETURNING (xmax = 0) AS inserted`,
  );
  const [row] = result;
  if (!row) return 'unchanged';
  return row.inserted ? 'created' : 'updated';
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableName(table: PgTable): string {
  const symbol = Object.getOwnPropertySymbols(table).find((s) => s.description === 'drizzle:Name');
  const name = symbol ? (table as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof name !== 'string') throw new Error('table without a name');
  return name;
}

/** Keeps "active but do not refer" when a file says only "active" (HSDS has no such status). */
export const keepNoRefer = (table: string) =>
  sql.raw(
    `CASE WHEN ${quote(table)}.status = 'active_no_refer' AND EXCLUDED.status = 'active' THEN ${quote(table)}.status ELSE EXCLUDED.status END`,
  );

/** Deletes an owner's child rows that the file no longer lists; returns how many went. */
export async function deleteChildrenExcept(
  db: Db,
  table: PgTable,
  ownerColumn: string,
  ownerId: string,
  keepIds: string[],
): Promise<number> {
  const t = sql.identifier(tableName(table));
  const deleted = await rows<{ id: string }>(
    db,
    sql`DELETE FROM ${t} WHERE ${sql.identifier(ownerColumn)} = ${ownerId}
        AND NOT (id = ANY(${arrayLiteral(keepIds)}::uuid[])) RETURNING id`,
  );
  return deleted.length;
}

/** Which of these ids exist in a table (by `id`, or by another uuid column). */
export async function existingIds(
  db: Db,
  table: PgTable,
  ids: string[],
  column = 'id',
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT ${sql.identifier(column)}::text AS id FROM ${sql.identifier(tableName(table))}
        WHERE ${sql.identifier(column)} = ANY(${arrayLiteral(ids)}::uuid[])`,
  );
  return new Set(found.map((r) => r.id));
}

export async function setServiceTerms(db: Db, serviceId: string, termIds: string[]): Promise<boolean> {
  const removed = await rows<{ id: string }>(
    db,
    sql`DELETE FROM service_taxonomy_terms WHERE service_id = ${serviceId}
        AND NOT (taxonomy_term_id = ANY(${arrayLiteral(termIds)}::text[])) RETURNING taxonomy_term_id AS id`,
  );
  let added = 0;
  for (const termId of termIds) {
    const inserted = await rows<{ id: string }>(
      db,
      sql`INSERT INTO service_taxonomy_terms (service_id, taxonomy_term_id) VALUES (${serviceId}, ${termId})
          ON CONFLICT DO NOTHING RETURNING taxonomy_term_id AS id`,
    );
    added += inserted.length;
  }
  return removed.length + added > 0;
}

/** Marks a record changed when only its nested rows changed, so modified_after and versions see it. */
export async function touch(db: Db, table: 'services' | 'locations' | 'organizations', id: string) {
  await db.execute(
    sql`UPDATE ${sql.identifier(table)} SET version = version + 1, updated_at = now() WHERE id = ${id}`,
  );
}

export async function setParentOrganization(db: Db, id: string, parentId: string | null) {
  const changed = await rows<{ id: string }>(
    db,
    sql`UPDATE organizations SET parent_organization_id = ${parentId}, version = version + 1, updated_at = now()
        WHERE id = ${id} AND parent_organization_id IS DISTINCT FROM ${parentId}::uuid RETURNING id`,
  );
  return changed.length > 0;
}

// ---- Taxonomy ----

export interface StoredTerm {
  id: string;
  hsdsId: string;
}

export async function termsByHsdsId(db: Db, hsdsIds: string[]): Promise<Map<string, StoredTerm>> {
  if (hsdsIds.length === 0) return new Map();
  const found = await rows<StoredTerm>(
    db,
    sql`SELECT id, hsds_id::text AS "hsdsId" FROM taxonomy_terms
        WHERE hsds_id = ANY(${arrayLiteral(hsdsIds)}::uuid[])`,
  );
  return new Map(found.map((t) => [t.hsdsId, t]));
}

export async function termIdTaken(db: Db, id: string): Promise<boolean> {
  return (await db.$count(schema.taxonomyTerms, sql`${schema.taxonomyTerms.id} = ${id}`)) > 0;
}

export async function upsertTerm(
  db: Db,
  term: {
    id: string;
    hsdsId: string;
    parentId: string | null;
    taxonomy: string;
    locale: 'en' | 'fr';
    name: string;
    description: string | null;
  },
  exists: boolean,
): Promise<Outcome> {
  const nameCol = sql.identifier(`name_${term.locale}`);
  const descCol = sql.identifier(`description_${term.locale}`);
  if (!exists) {
    await db.execute(
      sql`INSERT INTO taxonomy_terms (id, hsds_id, parent_id, taxonomy, ${nameCol}, ${descCol})
          VALUES (${term.id}, ${term.hsdsId}, ${term.parentId}, ${term.taxonomy}, ${term.name}, ${term.description})`,
    );
    return 'created';
  }
  const changed = await rows<{ id: string }>(
    db,
    sql`UPDATE taxonomy_terms SET parent_id = ${term.parentId}, taxonomy = ${term.taxonomy},
          ${nameCol} = ${term.name}, ${descCol} = ${term.description}, updated_at = now()
        WHERE hsds_id = ${term.hsdsId} AND ROW(parent_id, taxonomy, ${nameCol}, ${descCol})
          IS DISTINCT FROM ROW(${term.parentId}::text, ${term.taxonomy}::text, ${term.name}::text, ${term.description}::text)
        RETURNING id`,
  );
  return changed.length ? 'updated' : 'unchanged';
}

export async function taxonomyById(db: Db, id: string) {
  const [row] = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT id::text, name FROM taxonomies WHERE id = ${id}
        UNION ALL SELECT DISTINCT md5('taxonomy:' || taxonomy)::text, taxonomy FROM taxonomy_terms
        WHERE md5('taxonomy:' || taxonomy)::uuid = ${id}::uuid LIMIT 1`,
  );
  return row;
}

export async function upsertTaxonomy(
  db: Db,
  t: {
    id: string;
    name: string;
    locale: 'en' | 'fr';
    description: string | null;
    uri: string | null;
    version: string | null;
  },
): Promise<string> {
  // A taxonomy is matched by id, then by name; its name is what terms refer to.
  const [byName] = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT id::text, name FROM taxonomies WHERE id = ${t.id} OR name = ${t.name} ORDER BY (id = ${t.id}) DESC LIMIT 1`,
  );
  const descCol = sql.identifier(`description_${t.locale}`);
  if (byName) {
    await db.execute(
      sql`UPDATE taxonomies SET ${descCol} = coalesce(${t.description}, ${descCol}), uri = coalesce(${t.uri}, uri),
            version = coalesce(${t.version}, version), updated_at = now() WHERE id = ${byName.id}::uuid`,
    );
    return byName.name;
  }
  await db.execute(
    sql`INSERT INTO taxonomies (id, name, ${descCol}, uri, version) VALUES (${t.id}, ${t.name}, ${t.description}, ${t.uri}, ${t.version})`,
  );
  return t.name;
}
