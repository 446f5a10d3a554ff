import { preparedRows, rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { DISPLAY_COLUMNS, type SearchFilters, type SearchRow } from './directory.queries';

/**
 * In-memory search index over search_documents, one per database handle in each API process.
 *
 * Why: a search must answer while the caller waits. In PostgreSQL a common word in a 50 km circle around a
 * big city reads thousands of rows from the heap to count and facet them (tens of milliseconds, see
 * bench/README.md). Here the words (lexemes with their best weight), statuses, coordinates, ages, opening
 * minutes, taxonomy, languages and display columns of every search row sit in arrays, so matching, filtering,
 * counting, faceting and choosing the page take well under a millisecond at Ontario scale (about 150 MB of
 * heap for 65,000 rows). Rows are kept in latitude order, so a circle first narrows every word's list to
 * one slice of rows.
 *
 * Fresh: every search first reads the change generation (one-row table maintained by triggers on
 * search_documents, migrations/0007_search_changes.sql). When it moved, the rows of the changed services are
 * read again before answering, so an edit, an import or another process's write is seen by the next search.
 * A bulk reload, a lost change log (pruned after a day) or too many changes rebuild the whole index.
 *
 * Same answers as the SQL search (directory.queries.ts, which stays the path when the index is turned off
 * and for sorting by name): the same rows, totals, facet counts and distance order (a test compares them on
 * a seeded directory). Relevance differs in detail: each query term scores the best weight of the field it
 * matched (name and taxonomy 1.0, agency and site 0.4, description 0.2, as ts_rank's defaults) and the
 * scores add up, where ts_rank also weighs how often and how close together the words occur.
 */

/** ts_rank's default weights for D, C, B, A. */
const WEIGHTS = [0.1, 0.2, 0.4, 1.0] as const;
const STATUSES = ['active', 'active_no_refer', 'inactive'] as const;
/** earth() of the earthdistance extension: the radius of its sphere, in metres. */
const EARTH_RADIUS_M = 6_378_168;
const LOAD_CHUNK = 5_000;
/** Beyond this many changed services since the last look, a rebuild is quicker than patching. */
const MAX_PATCH_SERVICES = 2_000;
/** Room left for changed rows after a build; when it runs out the index is rebuilt. */
const SPARE_SLOTS = 4_096;

/** What a result shows (the SQL search's columns but the distance). */
export type DisplayRow = Omit<SearchRow, 'distance_m'>;

type LoadedRow = DisplayRow & {
  taxonomy_ids: string[];
  open_minutes: string | null;
  a: string;
  b: string;
  c: string;
};

/** The rows holding a lexeme, in slot order, with the best weight it has in each (from WEIGHTS). */
interface Posting {
  slots: Int32Array;
  scores: Float32Array;
  /** Rows added since the last compact(): searches never see them here. */
  pendingSlots: number[];
  pendingScores: number[];
}

/** Hits of a query: row slots in increasing order with their scores. */
interface Hits {
  slots: Int32Array;
  scores: Float32Array;
}

const NO_SLOTS = new Int32Array(0);
const NO_SCORES = new Float32Array(0);

type Node =
  { kind: 'term'; lexeme: string; prefix: boolean } | { kind: 'and' | 'or'; left: Node; right: Node };

export interface MemoryOutcome {
  /** The page, in order, with the distance in metres (null without a point). */
  page: Array<{ row: DisplayRow; distanceM: number | null }>;
  total: number;
  categories: Array<{ id: string; count: number }>;
  languages: Array<{ id: string; count: number }>;
}

const LOAD_COLUMNS = sql`${DISPLAY_COLUMNS}, d.taxonomy_ids, d.open_minutes::text AS open_minutes,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{a}')), chr(1)) AS a,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{b}')), chr(1)) AS b,
  array_to_string(tsvector_to_array(ts_filter(d.document, '{c}')), chr(1)) AS c`;

/** Parses int4multirange text, e.g. `{[540,720),[1980,2160)}`, into [start, end) pairs. */
function parseRanges(text: string | null): Int32Array | null {
  if (text === null) return null;
  const out: number[] = [];
  for (const m of text.matchAll(/([[(])(-?\d*),(-?\d*)([\])])/g)) {
    const lo = m[2] === '' ? -Infinity : Number(m[2]) + (m[1] === '(' ? 1 : 0);
    const hi = m[3] === '' ? Infinity : Number(m[3]) + (m[4] === ']' ? 1 : 0);
    out.push(Math.max(lo, -2_147_483_648), Math.min(hi, 2_147_483_647));
  }
  return Int32Array.from(out);
}

function toRadians(degrees: number) {
  return (degrees * Math.PI) / 180;
}

class Codes {
  private readonly byName = new Map<string, number>();
  readonly names: string[] = [];
  code(name: string): number {
    let c = this.byName.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.byName.set(name, c);
      this.names.push(name);
    }
    return c;
  }
  find(name: string): number | undefined {
    return this.byName.get(name);
  }
}

/** The index itself: arrays by slot (one slot per search row ever loaded; replaced rows are marked dead). */
export class MemoryIndex {
  generation = 0;
  size = 0;
  /**
   * Slots below `base` were loaded by the build in latitude order (rows without coordinates last), so a circle
   * is one slot range of them plus the slots added since; every posting list is cut to that range first.
   */
  private base = 0;
  readonly capacity: number;
  private readonly ids: string[] = [];
  /** Position of each slot's id in id order (PostgreSQL's last tie-break), and the slots in that order. */
  private readonly idRank: Float64Array;
  private byId: number[] = [];
  private unranked: number[] = [];
  private readonly display: DisplayRow[] = [];
  private readonly alive: Uint8Array;
  private readonly status: Uint8Array;
  private readonly lat: Float64Array;
  /** ll_to_earth(): the point on earthdistance's sphere, in metres, for the same distances as PostgreSQL. */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  private readonly minAge: Float64Array;
  private readonly maxAge: Float64Array;
  // Small arrays of codes (plain arrays of small integers: V8 reads them faster than many tiny typed arrays).
  private readonly taxonomy: number[][] = [];
  private readonly categories: number[][] = [];
  private readonly languages: number[][] = [];
  private readonly open: Array<Int32Array | null> = [];
  private readonly terms = new Codes();
  private readonly langs = new Codes();
  private readonly postings = new Map<string, Posting>();
  private readonly pending = new Set<Posting>();
  private sortedLexemes: string[] | null = null;
  private readonly slotsOfService = new Map<string, number[]>();

  constructor(capacity: number) {
    this.capacity = capacity;
    this.alive = new Uint8Array(capacity);
    this.idRank = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
    this.lat = new Float64Array(capacity).fill(Number.NaN);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.z = new Float64Array(capacity);
    this.minAge = new Float64Array(capacity);
    this.maxAge = new Float64Array(capacity);
  }

  get free(): number {
    return this.capacity - this.size;
  }

  /** Appends a row (slots only grow, so every posting list stays in slot order). */
  add(r: LoadedRow): void {
    const slot = this.size++;
    const { taxonomy_ids, open_minutes, a, b, c, ...display } = r;
    this.ids[slot] = r.id;
    this.unranked.push(slot);
    this.display[slot] = display;
    this.alive[slot] = 1;
    this.status[slot] = Math.max(0, STATUSES.indexOf(r.status as (typeof STATUSES)[number]));
    if (r.latitude !== null && r.longitude !== null) {
      this.lat[slot] = r.latitude;
      [this.x[slot], this.y[slot], this.z[slot]] = llToEarth(r.latitude, r.longitude);
    }
    this.minAge[slot] = r.min_age ?? -Infinity;
    this.maxAge[slot] = r.max_age ?? Infinity;
    this.taxonomy[slot] = taxonomy_ids.map((t) => this.terms.code(t));
    this.categories[slot] = r.category_ids.map((t) => this.terms.code(t));
    this.languages[slot] = r.languages.map((l) => this.langs.code(l));
    this.open[slot] = parseRanges(open_minutes);
    const best = new Map<string, number>();
    const fields: Array<[string, number]> = [
      [a, WEIGHTS[3]],
      [b, WEIGHTS[2]],
      [c, WEIGHTS[1]],
    ];
    for (const [text, weight] of fields) {
      if (!text) continue;
      for (const lexeme of text.split('\u0001')) {
        if ((best.get(lexeme) ?? 0) < weight) best.set(lexeme, weight);
      }
    }
    for (const [lexeme, weight] of best) {
      let p = this.postings.get(lexeme);
      if (!p) {
        p = { slots: NO_SLOTS, scores: NO_SCORES, pendingSlots: [], pendingScores: [] };
        this.postings.set(lexeme, p);
        this.sortedLexemes = null;
      }
      p.pendingSlots.push(slot);
      p.pendingScores.push(weight);
      this.pending.add(p);
    }
    const own = this.slotsOfService.get(r.service_id);
    if (own) own.push(slot);
    else this.slotsOfService.set(r.service_id, [slot]);
  }

  /** Moves the rows added since the last call into the posting arrays searches read. */
  compact(): void {
    if (this.byId.length === 0) {
      this.byId = this.unranked.sort((a, b) => ((this.ids[a] as string) < (this.ids[b] as string) ? -1 : 1));
      this.byId.forEach((slot, rank) => (this.idRank[slot] = rank));
      this.unranked = [];
    }
    for (const slot of this.unranked) {
      const id = this.ids[slot] as string;
      const byId = this.byId;
      if (byId.length === 0 || (this.ids[byId[byId.length - 1] as number] as string) < id) {
        byId.push(slot); // the build reads rows in id order
        continue;
      }
      let lo = 0;
      let hi = byId.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.ids[byId[mid] as number] as string) < id) lo = mid + 1;
        else hi = mid;
      }
      byId.splice(lo, 0, slot);
    }
    if (this.unranked.length) this.byId.forEach((slot, rank) => (this.idRank[slot] = rank));
    this.unranked = [];
    for (const p of this.pending) {
      const slots = new Int32Array(p.slots.length + p.pendingSlots.length);
      slots.set(p.slots);
      slots.set(p.pendingSlots, p.slots.length);
      const scores = new Float32Array(slots.length);
      scores.set(p.scores);
      scores.set(p.pendingScores, p.scores.length);
      p.slots = slots;
      p.scores = scores;
      p.pendingSlots = [];
      p.pendingScores = [];
    }
    this.pending.clear();
  }

  /** Called once by the build, after adding its rows in latitude order. */
  sealBase(): void {
    this.base = this.size;
  }

  /** The base slots whose latitude is within dLat of the point's: [lo, hi). */
  private latitudeRange(latitude: number, dLat: number): [number, number] {
    // NaN (no coordinates) sorts last: never below a value.
    const firstAtLeast = (value: number) => lowerBound(this.lat, value, this.base);
    return [firstAtLeast(latitude - dLat), firstAtLeast(latitude + dLat + 1e-12)];
  }

  /** Marks every row of a service dead (its fresh rows, if any, are then added). */
  removeService(serviceId: string): void {
    for (const slot of this.slotsOfService.get(serviceId) ?? []) this.alive[slot] = 0;
    this.slotsOfService.delete(serviceId);
  }

  // ------------------------------------------------------------------------------------------- matching

  private lexemesWithPrefix(prefix: string): string[] {
    this.sortedLexemes ??= [...this.postings.keys()].sort();
    const sorted = this.sortedLexemes;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) {
      out.push(sorted[i] as string);
    }
    return out;
  }

  /** A posting list cut to the slots [lo, hi) and those added after the build. */
  private within(p: Posting, lo: number, hi: number): Hits {
    const a = lowerBound(p.slots, lo);
    const b = lowerBound(p.slots, hi);
    const c = lowerBound(p.slots, this.base);
    if (c === p.slots.length) return { slots: p.slots.subarray(a, b), scores: p.scores.subarray(a, b) };
    const slots = new Int32Array(b - a + p.slots.length - c);
    slots.set(p.slots.subarray(a, b));
    slots.set(p.slots.subarray(c), b - a);
    const scores = new Float32Array(slots.length);
    scores.set(p.scores.subarray(a, b));
    scores.set(p.scores.subarray(c), b - a);
    return { slots, scores };
  }

  private term(lexeme: string, prefix: boolean, lo: number, hi: number): Hits {
    const lexemes = prefix ? this.lexemesWithPrefix(lexeme) : this.postings.has(lexeme) ? [lexeme] : [];
    const postings = lexemes.map((l) => this.within(this.postings.get(l) as Posting, lo, hi));
    if (postings.length <= 8) {
      // A few words share the prefix: merge their lists, keeping each row's best weight.
      return postings.reduce<Hits>((a, b) => union(a, b, Math.max), { slots: NO_SLOTS, scores: NO_SCORES });
    }
    // Many words share it: mark the rows in one pass.
    const dense = new Float32Array(this.size);
    let count = 0;
    for (const p of postings) {
      for (let i = 0; i < p.slots.length; i++) {
        const slot = p.slots[i] as number;
        const w = p.scores[i] as number;
        if (dense[slot] === 0) count++;
        if (w > (dense[slot] as number)) dense[slot] = w;
      }
    }
    const slots = new Int32Array(count);
    const scores = new Float32Array(count);
    for (let slot = 0, k = 0; k < count; slot++) {
      if (dense[slot] !== 0) {
        slots[k] = slot;
        scores[k++] = dense[slot] as number;
      }
    }
    return { slots, scores };
  }

  private evaluate(node: Node, lo: number, hi: number): Hits {
    if (node.kind === 'term') return this.term(node.lexeme, node.prefix, lo, hi);
    const a = this.evaluate(node.left, lo, hi);
    const b = this.evaluate(node.right, lo, hi);
    return node.kind === 'and' ? intersect(a, b) : union(a, b);
  }

  // ------------------------------------------------------------------------------------------- search

  /** Null when the query uses what the index does not model (then the SQL search answers). */
  search(f: SearchFilters): MemoryOutcome | null {
    if (f.sort === 'name') return null;
    const near = f.near;
    // Cheap bounds before the exact distance: latitude degrees, then the chord, within the radius (with a margin).
    const dLat = near ? (near.radiusMeters / EARTH_RADIUS_M) * (180 / Math.PI) * 1.01 + 1e-9 : 0;
    const [lo, hi] = near ? this.latitudeRange(near.latitude, dLat) : [0, this.base];
    let hits: Hits | null = null;
    if (f.tsquery) {
      const tree = parseTsquery(f.tsquery);
      if (!tree) return null;
      hits = this.evaluate(tree, lo, hi);
    }
    const statusOk = new Uint8Array(STATUSES.length);
    for (const s of f.statuses) statusOk[STATUSES.indexOf(s)] = 1;
    const wantedTerms = f.taxonomy.map((t) => this.terms.find(t) ?? -1);
    const wantedLangs = f.languages.map((l) => this.langs.find(l) ?? -1);
    const [px, py, pz] = near ? llToEarth(near.latitude, near.longitude) : [0, 0, 0];
    const maxChord = near
      ? 2 * EARTH_RADIUS_M * Math.sin(Math.min(Math.PI / 2, near.radiusMeters / (2 * EARTH_RADIUS_M)))
      : 0;
    const maxChord2 = maxChord * maxChord * (1 + 1e-9) + 1e-6;
    const age = f.age;
    const minute = f.openAtMinuteOfWeek;

    const categoryCounts = new Int32Array(this.terms.names.length);
    const languageCounts = new Int32Array(this.langs.names.length);
    const top = new TopK(f.offset + f.limit, f.sort === 'distance' ? 'distance' : 'relevance', this.idRank);
    let total = 0;
    // Without words: every slot of the latitude range, then those added since the build.
    const rangeSize = hi - lo;
    const count = hits ? hits.slots.length : rangeSize + this.size - this.base;
    for (let k = 0; k < count; k++) {
      const slot = hits ? (hits.slots[k] as number) : k < rangeSize ? lo + k : this.base + k - rangeSize;
      if (!this.alive[slot] || !statusOk[this.status[slot] as number]) continue;
      let distance = Number.NaN;
      if (near) {
        const lat = this.lat[slot] as number;
        if (!(Math.abs(lat - near.latitude) <= dLat)) continue; // also drops rows without coordinates
        const dx = (this.x[slot] as number) - px;
        const dy = (this.y[slot] as number) - py;
        const dz = (this.z[slot] as number) - pz;
        const chord2 = dx * dx + dy * dy + dz * dz;
        if (chord2 > maxChord2) continue;
        distance = earthDistance(chord2);
        if (distance > near.radiusMeters) continue;
      }
      if (age !== null && ((this.minAge[slot] as number) > age || (this.maxAge[slot] as number) < age))
        continue;
      if (minute !== null && !inRanges(this.open[slot] ?? null, minute)) continue;
      const termOk = wantedTerms.length === 0 || hasAny(this.taxonomy[slot] as number[], wantedTerms);
      const langOk = wantedLangs.length === 0 || hasAll(this.languages[slot] as number[], wantedLangs);
      if (langOk) count1(categoryCounts, this.categories[slot] as number[]);
      if (termOk) count1(languageCounts, this.languages[slot] as number[]);
      if (termOk && langOk) {
        total++;
        const score = hits && f.sort === 'relevance' ? (hits.scores[k] as number) : 0;
        top.offer(slot, score, distance);
      }
    }
    return {
      page: top
        .sorted()
        .slice(f.offset)
        .map((e) => ({
          row: this.display[e.slot] as DisplayRow,
          distanceM: Number.isNaN(e.distance) ? null : e.distance,
        })),
      total,
      categories: facet(categoryCounts, this.terms.names),
      languages: facet(languageCounts, this.langs.names).slice(0, 30),
    };
  }
}

/** Count descending, then id (byte order, as PostgreSQL's C collation sorts them). */
function facet(counts: Int32Array, names: string[]) {
  return names
    .map((id, code) => ({ id, count: counts[code] as number }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function count1(counts: Int32Array, codes: number[]) {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
}

function hasAny(values: number[], wanted: number[]) {
  for (let i = 0; i < values.length; i++) if (wanted.includes(values[i] as number)) return true;
  return false;
}

function hasAll(values: number[], wanted: number[]) {
  for (const w of wanted) if (!values.includes(w)) return false;
  return true;
}

function inRanges(ranges: Int32Array | null, minute: number) {
  if (!ranges) return false;
  for (let i = 0; i < ranges.length; i += 2) {
    if (minute >= (ranges[i] as number) && minute < (ranges[i + 1] as number)) return true;
  }
  return false;
}

/** ll_to_earth(lat, lon) of the earthdistance extension. */
function llToEarth(latitude: number, longitude: number): [number, number, number] {
  const lat = toRadians(latitude);
  const lon = toRadians(longitude);
  return [
    EARTH_RADIUS_M * Math.cos(lat) * Math.cos(lon),
    EARTH_RADIUS_M * Math.cos(lat) * Math.sin(lon),
    EARTH_RADIUS_M * Math.sin(lat),
  ];
}

/** earth_distance() from the squared chord between two ll_to_earth() points: the great circle over it. */
function earthDistance(chord2: number) {
  const chord = Math.sqrt(chord2);
  const half = chord / (2 * EARTH_RADIUS_M);
  return half > 1 ? Math.PI * EARTH_RADIUS_M : 2 * EARTH_RADIUS_M * Math.asin(half);
}

const sum = (x: number, y: number) => x + y;

/** The first index below `end` of a sorted list whose value is at least `value`. */
function lowerBound(list: ArrayLike<number>, value: number, end = list.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersect(a: Hits, b: Hits): Hits {
  const n = Math.min(a.slots.length, b.slots.length);
  const slots = new Int32Array(n);
  const scores = new Float32Array(n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.slots.length && j < b.slots.length) {
    const x = a.slots[i] as number;
    const y = b.slots[j] as number;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      slots[k] = x;
      scores[k++] = (a.scores[i++] as number) + (b.scores[j++] as number);
    }
  }
  return { slots: slots.subarray(0, k), scores: scores.subarray(0, k) };
}

/** Rows in either; a row in both scores combine(a, b) (the sum for `|`, the best for a prefix's words). */
function union(a: Hits, b: Hits, combine: (x: number, y: number) => number = sum): Hits {
  if (a.slots.length === 0) return b;
  if (b.slots.length === 0) return a;
  const slots = new Int32Array(a.slots.length + b.slots.length);
  const scores = new Float32Array(slots.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.slots.length || j < b.slots.length) {
    const x = i < a.slots.length ? (a.slots[i] as number) : Infinity;
    const y = j < b.slots.length ? (b.slots[j] as number) : Infinity;
    slots[k] = Math.min(x, y);
    if (x === y) scores[k++] = combine(a.scores[i++] as number, b.scores[j++] as number);
    else if (x < y) scores[k++] = a.scores[i++] as number;
    else scores[k++] = b.scores[j++] as number;
  }
  return { slots: slots.subarray(0, k), scores: scores.subarray(0, k) };
}

interface Entry {
  slot: number;
  score: number;
  distance: number;
}

/**
 * The best k rows in the SQL search's order: relevance = score desc, distance asc (none last), id;
 * distance = distance asc (none last), id. Kept sorted; a row enters only if it beats the last.
 */
class TopK {
  private readonly entries: Entry[] = [];
  constructor(
    private readonly k: number,
    private readonly order: 'relevance' | 'distance',
    private readonly idRank: Float64Array,
  ) {}

  /** Whether the row (slot, score, distance) comes before entry b. */
  private before(slot: number, score: number, distance: number, b: Entry): boolean {
    if (this.order === 'relevance' && score !== b.score) return score > b.score;
    const da = Number.isNaN(distance) ? Infinity : distance;
    const db = Number.isNaN(b.distance) ? Infinity : b.distance;
    if (da !== db) return da < db;
    return (this.idRank[slot] as number) < (this.idRank[b.slot] as number);
  }

  offer(slot: number, score: number, distance: number) {
    const list = this.entries;
    if (list.length === this.k && !this.before(slot, score, distance, list[list.length - 1] as Entry)) return;
    const entry = { slot, score, distance };
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = list[mid] as Entry;
      if (!this.before(slot, score, distance, m)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
    if (list.length > this.k) list.pop();
  }

  sorted(): Entry[] {
    return this.entries;
  }
}

// ----------------------------------------------------------------------------------------- tsquery text

/**
 * Parses the tsquery text the search builds from PostgreSQL's own output (`'meal' | 'repa'`, `'foodb':*`,
 * `&`, `|`, parentheses; `<->` is read as `&`, which can only widen the match). Null for anything else
 * (negation, weight restrictions): the SQL search then answers.
 */
export function parseTsquery(text: string): Node | null {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const fail = Symbol('fail');
  const lexeme = (): Node => {
    skip();
    if (text[i] === '(') {
      i++;
      const inner = or();
      skip();
      if (text[i] !== ')') throw fail;
      i++;
      return inner;
    }
    if (text[i] !== "'") throw fail;
    i++;
    let word = '';
    for (;;) {
      if (i >= text.length) throw fail;
      const ch = text[i] as string;
      if (ch === '\\') {
        word += text[i + 1] ?? '';
        i += 2;
      } else if (ch === "'" && text[i + 1] === "'") {
        word += "'";
        i += 2;
      } else if (ch === "'") {
        i++;
        break;
      } else {
        word += ch;
        i++;
      }
    }
    let prefix = false;
    if (text[i] === ':') {
      if (text[i + 1] !== '*' || /[A-Da-d*]/.test(text[i + 2] ?? '')) throw fail;
      prefix = true;
      i += 2;
    }
    return { kind: 'term', lexeme: word, prefix };
  };
  const and = (): Node => {
    let left = lexeme();
    for (;;) {
      skip();
      const phrase = /^<(-|\d+)>/.exec(text.slice(i));
      if (text[i] === '&') i++;
      else if (phrase) i += phrase[0].length;
      else return left;
      left = { kind: 'and', left, right: lexeme() };
    }
  };
  const or = (): Node => {
    let left = and();
    for (;;) {
      skip();
      if (text[i] !== '|') return left;
      i++;
      left = { kind: 'or', left, right: and() };
    }
  };
  try {
    const tree = or();
    skip();
    return i === text.length ? tree : null;
  } catch (error) {
    if (error === fail) return null;
    throw error;
  }
}

// ------------------------------------------------------------------------------------------- keeping it

interface Holder {
  index: MemoryIndex | null;
  /** The running build or catch-up: every search waits for it, so none answers from a stale index. */
  busy: Promise<void> | null;
}

const holders = new WeakMap<object, Holder>();

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
export async function buildIndex(db: Db): Promise<MemoryIndex> {
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
  let holder = holders.get(db);
  if (!holder) {
    holder = { index: null, busy: null };
    holders.set(db, holder);
  }
  const target = await currentGeneration(db);
  for (;;) {
    if (holder.busy) {
      await holder.busy;
      continue;
    }
    if (holder.index && holder.index.generation >= target) return holder.index;
    const h = holder;
    h.busy = catchUp(db, h, target).finally(() => {
      h.busy = null;
    });
  }
}

/** Starts building the index without waiting (server start), so the first search is quick. */
export function warmIndex(db: Db): Promise<void> {
  return freshIndex(db).then(() => undefined);
}
