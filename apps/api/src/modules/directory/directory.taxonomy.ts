import { readFileSync } from 'node:fs';
import type { Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { invalid } from '../../lib/errors';
import { parseCsv } from './directory.csv';
import { refreshTaxonomyLexicon } from '../search/index';

/**
 * Taxonomy import: the taxonomy is data. Accepts
 *  - CSV with a header `id,parent_id,name_en,name_fr[,description_en,description_fr]` (or `code` for id;
 *    a file with only `code,name_en,name_fr` such as shared/taxonomy/needs-categories.csv loads top-level terms);
 *  - HSDS 3.0 taxonomy_term JSON: one object, an array, or a paged `{ contents: [...] }` list. HSDS ids are
 *    uuids: the term's `code` becomes our id (the uuid is kept as hsds_id); `language` 'fr' fills the *_fr fields.
 * Upserts by id; parents are resolved inside the file or against existing terms.
 */

export interface TaxonomyRow {
  id: string;
  parentId: string | null;
  nameEn: string | null;
  nameFr: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
  hsdsId?: string;
  taxonomy?: string;
}

export interface TaxonomyImportResult {
  created: number;
  updated: number;
  total: number;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const nullable = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function parseTaxonomyCsv(text: string): TaxonomyRow[] {
  return parseCsv(text).map((r, i) => {
    const id = r.id ?? r.code ?? '';
    if (!ID.test(id))
      throw invalid(`row ${i + 2}.id`, `"${id}" is not a valid term id (letters, digits, - . _ :)`);
    return {
      id,
      parentId: nullable(r.parent_id ?? r.parent),
      nameEn: nullable(r.name_en),
      nameFr: nullable(r.name_fr),
      descriptionEn: nullable(r.description_en),
      descriptionFr: nullable(r.description_fr),
    };
  });
}

interface HsdsTerm {
  id?: unknown;
  code?: unknown;
  name?: unknown;
  description?: unknown;
  parent_id?: unknown;
  language?: unknown;
  taxonomy?: unknown;
}

export function parseHsdsTaxonomy(json: unknown): TaxonomyRow[] {
  const list: unknown[] = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { contents?: unknown }).contents)
      ? (json as { contents: unknown[] }).contents
      : [json];
  const terms = list as HsdsTerm[];
  const codeOfUuid = new Map<string, string>();
  for (const t of terms) {
    if (typeof t.id === 'string') codeOfUuid.set(t.id, nullable(t.code) ?? t.id);
  }
  const rows = new Map<string, TaxonomyRow>();
  terms.forEach((t, i) => {
    const id = nullable(t.code) ?? nullable(t.id);
    if (!id || !ID.test(id))
      throw invalid(`[${i}].code`, 'each term needs a code or id made of letters, digits, - . _ :');
    if (!nullable(t.name)) throw invalid(`[${i}].name`, 'each term needs a name');
    const parent = nullable(t.parent_id);
    const french = typeof t.language === 'string' && t.language.toLowerCase().startsWith('fr');
    const row = rows.get(id) ?? {
      id,
      parentId: parent ? (codeOfUuid.get(parent) ?? parent) : null,
      nameEn: null,
      nameFr: null,
      descriptionEn: null,
      descriptionFr: null,
      hsdsId: typeof t.id === 'string' && /^[0-9a-f-]{36}$/i.test(t.id) ? t.id : undefined,
      taxonomy: nullable(t.taxonomy) ?? undefined,
    };
    if (french) {
      row.nameFr = nullable(t.name);
      row.descriptionFr = nullable(t.description);
    } else {
      row.nameEn = nullable(t.name);
      row.descriptionEn = nullable(t.description);
    }
    rows.set(id, row);
  });
  return [...rows.values()];
}

export function parseTaxonomyFile(path: string): TaxonomyRow[] {
  const text = readFileSync(path, 'utf8');
  if (/\.json$/i.test(path) || /^\s*[[{]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalid('file', `not valid JSON: ${(error as Error).message}`);
    }
    return parseHsdsTaxonomy(json);
  }
  return parseTaxonomyCsv(text);
}

/** Parents before children, and every parent known in the file or the database. */
function ordered(rows: TaxonomyRow[], existing: Set<string>): TaxonomyRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: TaxonomyRow[] = [];
  const done = new Set<string>();
  const visit = (row: TaxonomyRow, path: string[]) => {
    if (done.has(row.id)) return;
    if (path.includes(row.id))
      throw invalid(`${row.id}.parent_id`, `cycle: ${[...path, row.id].join(' → ')}`);
    if (row.parentId) {
      const parent = byId.get(row.parentId);
      if (parent) visit(parent, [...path, row.id]);
      else if (!existing.has(row.parentId))
        throw invalid(`${row.id}.parent_id`, `unknown parent "${row.parentId}"`);
    }
    if (!row.nameEn && !row.nameFr) throw invalid(`${row.id}.name`, 'a term needs an English or French name');
    done.add(row.id);
    out.push(row);
  };
  for (const row of rows) visit(row, []);
  return out;
}

/** Upserts the terms in one transaction; all or nothing. */
export async function importTaxonomy(db: Db, rows: TaxonomyRow[]): Promise<TaxonomyImportResult> {
  return db.transaction(async (tx) => {
    const existing = new Set(
      (
        (await tx.execute(sql`SELECT id FROM taxonomy_terms`)) as unknown as { rows: Array<{ id: string }> }
      ).rows.map((r) => r.id),
    );
    const list = ordered(rows, existing);
    let created = 0;
    for (const [i, row] of list.entries()) {
      if (!existing.has(row.id)) created++;
      await tx.execute(sql`
        INSERT INTO taxonomy_terms (id, parent_id, name_en, name_fr, description_en, description_fr, sort_order, hsds_id, taxonomy)
        VALUES (${row.id}, ${row.parentId}, ${row.nameEn}, ${row.nameFr}, ${row.descriptionEn}, ${row.descriptionFr}, ${i},
          coalesce(${row.hsdsId ?? null}::uuid, md5('taxonomy_term:' || ${row.id})::uuid), ${row.taxonomy ?? 'relais'})
        ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id,
          name_en = coalesce(excluded.name_en, taxonomy_terms.name_en),
          name_fr = coalesce(excluded.name_fr, taxonomy_terms.name_fr),
          description_en = coalesce(excluded.description_en, taxonomy_terms.description_en),
          description_fr = coalesce(excluded.description_fr, taxonomy_terms.description_fr),
          updated_at = now()`);
    }
    await refreshTaxonomyLexicon(tx);
    return { created, updated: list.length - created, total: list.length };
  });
}

export const DEFAULT_TAXONOMY_FILE = new URL('./data/taxonomy.csv', import.meta.url);

/**
 * Loads the bundled two-level taxonomy (the 17 need categories and their subcategories, English and French)
 * when the table is empty; a centre that loaded its own taxonomy keeps it. Returns how many terms it loaded.
 */
export async function ensureDefaultTaxonomy(db: Db): Promise<number> {
  const count = (
    (await db.execute(sql`SELECT count(*)::int AS n FROM taxonomy_terms`)) as unknown as {
      rows: Array<{ n: number }>;
    }
  ).rows[0]?.n;
  if (count) return 0;
  const result = await importTaxonomy(db, parseTaxonomyCsv(readFileSync(DEFAULT_TAXONOMY_FILE, 'utf8')));
  return result.created;
}
