import { preparedRows, rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { perDatabase } from '../../lib/per-database';
import { DISPLAY_COLUMNS, nameKey } from './search.filters';
import { MemoryIndex, type LoadedRow } from './search.memory';

/**
 * Keeping the index fresh: every search first reads the change generation (one-row table maintained by
 * triggers on search_documents, migrations/0007_search_changes.sql). When it moved, the rows of the changed
 * services are read again before answering, so an edit, an import or another process's write is seen by the
 * next search. A bulk reload, a lost change log (pruned after a day) or too many changes rebuild the index.
 */

const LOAD_CHUNK = 5_000;
/** Beyond this many changed services since the last look, a rebuild is quicker than patching. */
const MAX_PATCH_SERVICES = 2_000;
/** Room left for changed rows after a build; when it runs out the index is rebuilt. */
const SPARE_SLOTS = 4_096;

const LOAD_COLUMNS = sql`${DISPLAY_COLUMNS}, d.taxonomy_ids, d.open_minutes::text AS open_minutes,
  ${nameKey('en')} AS name_key_en, ${nameKey('fr')} AS name_key_fr,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{a}')), chr(1)) AS a,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{b}')), chr(1)) AS b,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{c}')), chr(1)) AS c`;

interface Holder {
  index: MemoryIndex | null;
  /** The running build or catch-up: every search waits for it, so none answers from a stale index. */
  busy: Promise<void> | null;
}

const holderOf = perDatabase<object, Holder>(() => ({ index: null, busy: null }));

async function currentGeneration(db: Db): Promise<number> {
  const [state] = await preparedRows<{ generation: string | number }>(
    db,
    'search-generation',
    sql`SELECT generation FROM search_state`,
  );
  return Number(state?.generation ?? 0);
}

async function loadRows(db: Db, after: string | null): Promise<LoadedRow[]> {
  const from = after === null ? sql`true` : sql`d.id > ${after}::uuid`;
  return rows<LoadedRow>(
    db,
    sql`SELECT ${LOAD_COLUMNS} FROM search_documents d WHERE ${from} ORDER BY d.id LIMIT ${LOAD_CHUNK}`,
  );
}

/** Reads every search row into a new index (in chunks, so a PGlite process is never blocked for long). */
async function buildIndex(db: Db): Promise<MemoryIndex> {
  const generation = await currentGeneration(db);
  const [counted] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_documents`);
  const index = new MemoryIndex((counted?.n ?? 0) + SPARE_SLOTS);
  const loaded: LoadedRow[] = [];
  let after: string | null = null;
  for (;;) {
    const chunk = await loadRows(db, after);
    loaded.push(...chunk);
    if (chunk.length < LOAD_CHUNK) break;
    after = (chunk[chunk.length - 1] as LoadedRow).id;
  }
  if (loaded.length > index.free) return buildIndex(db); // grew a lot while loading: start again
  const latitude = (r: LoadedRow) => (r.latitude === null || r.longitude === null ? Infinity : r.latitude);
  loaded.sort((a, b) => latitude(a) - latitude(b) || (a.id < b.id ? -1 : 1));
  for (const r of loaded) index.add(r);
  index.sealBase();
  index.compact();
  index.generation = generation;
  return index;
}

/** Brings the index up to `target`: re-reads the changed services, or rebuilds. */
async function catchUp(db: Db, holder: Holder, target: number): Promise<void> {
  const index = holder.index;
  if (!index) {
    holder.index = await buildIndex(db);
    return;
  }
  const changes = await rows<{ generation: string | number; service_id: string | null }>(
    db,
    sql`SELECT generation, service_id FROM search_changes WHERE generation > ${index.generation}::bigint
        ORDER BY generation`,
  );
  const first = changes.length ? Number(changes[0]?.generation) : null;
  const services = new Set(changes.map((c) => c.service_id));
  const last = changes.length ? Number(changes[changes.length - 1]?.generation) : index.generation;
  if (
    first !== index.generation + 1 ||
    last < target ||
    services.has(null) ||
    services.size > MAX_PATCH_SERVICES
  ) {
    holder.index = await buildIndex(db);
    return;
  }
  const ids = [...services] as string[];
  const fresh = await rows<LoadedRow>(
    db,
    sql`SELECT ${LOAD_COLUMNS} FROM search_documents d
        WHERE d.service_id = ANY(${`{${ids.join(',')}}`}::uuid[]) ORDER BY d.id`,
  );
  if (fresh.length > index.free) {
    holder.index = await buildIndex(db);
    return;
  }
  for (const id of ids) index.removeService(id);
  for (const r of fresh) index.add(r);
  index.compact();
  index.generation = last;
}

/** The index, up to date with every committed change to search_documents. */
export async function freshIndex(db: Db): Promise<MemoryIndex> {
  const holder = holderOf(db);
  const target = await currentGeneration(db);
  for (;;) {
    if (holder.busy) {
      await holder.busy;
      continue;
    }
    if (holder.index && holder.index.generation >= target) return holder.index;
    holder.busy = catchUp(db, holder, target).finally(() => {
      holder.busy = null;
    });
  }
}

/** Starts building the index without waiting (server start), so the first search is quick. */
export function warmIndex(db: Db): Promise<void> {
  return freshIndex(db).then(() => undefined);
}
