import { MAX_LANGUAGE_FACETS, type Facet, type SearchQuery, type SearchRow } from './search.filters';
import { circleOf, earthDistance, llToEarth, type Circle } from './search.geometry';
import {
  compactPosting,
  intersect,
  lowerBound,
  newPosting,
  NO_HITS,
  union,
  unionMany,
  within,
  type Hits,
  type Posting,
} from './search.postings';
import { isPlainQuery, lexemesOf, matchesNothing, type QueryNode } from './search.query';
import { compareText, orderOf, TopK } from './search.top-k';
import { Codes, count1, facet, hasAll, hasAny, inRanges, parseRanges } from './search.values';

/**
 * The in-memory search index over search_documents (search.loading.ts keeps one per database handle).
 *
 * Why: a search must answer while the caller waits. In PostgreSQL a common word in a 50 km circle around a
 * big city reads thousands of rows from the heap to count, facet and page them. Here the words (lexemes with
 * their best weight), statuses, coordinates, ages, opening minutes, taxonomy, languages, name keys and
 * display columns of every search row sit in arrays, so matching, filtering, counting and choosing the page
 * take well under a millisecond. Rows are kept in latitude order, so a circle first narrows every word's
 * list to one slice of rows.
 *
 * Same answers as the SQL engine (search.sql.ts): the same rows, totals, facet counts, name and distance
 * order (tests compare them on a seeded directory). Relevance differs in detail: each query term scores the
 * best weight of the field it matched (name and taxonomy 1.0, agency and site 0.4, description 0.2, as
 * ts_rank's defaults) and the scores add up, where ts_rank also weighs how often and how close together the
 * words occur.
 */

/** ts_rank's default weights for D, C, B, A. */
const WEIGHTS = [0.1, 0.2, 0.4, 1.0] as const;
const STATUSES = ['active', 'active_no_refer', 'inactive'] as const;
/** Lexemes of relais_geo_cells(): in the SQL documents but not in the index. */
const CELL_LEXEME = /^zgeo/;

/** What a result shows (the search row but the distance). */
export type DisplayRow = Omit<SearchRow, 'distance_m'>;

/** A search row as search.loading.ts reads it. */
export type LoadedRow = DisplayRow & {
  taxonomy_ids: string[];
  open_minutes: string | null;
  name_key_en: string | null;
  name_key_fr: string | null;
  a: string;
  b: string;
  c: string;
};

export interface MemoryOutcome {
  items: SearchRow[];
  total: number;
  categories: Facet[];
  languages: Facet[];
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
  private readonly nameKeys: Record<'en' | 'fr', Array<string | null>> = { en: [], fr: [] };
  private readonly alive: Uint8Array;
  private readonly status: Uint8Array;
  private readonly service: Int32Array;
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
  private readonly services = new Codes();
  private readonly postings = new Map<string, Posting>();
  private readonly pending = new Set<Posting>();
  private sortedLexemes: string[] | null = null;
  private readonly slotsOfService = new Map<number, number[]>();

  constructor(capacity: number) {
    this.capacity = capacity;
    this.alive = new Uint8Array(capacity);
    this.idRank = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
    this.service = new Int32Array(capacity);
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
    const { taxonomy_ids, open_minutes, name_key_en, name_key_fr, a, b, c, ...display } = r;
    this.ids[slot] = r.id;
    this.unranked.push(slot);
    this.display[slot] = display;
    this.nameKeys.en[slot] = name_key_en;
    this.nameKeys.fr[slot] = name_key_fr;
    this.alive[slot] = 1;
    this.status[slot] = Math.max(0, STATUSES.indexOf(r.status as (typeof STATUSES)[number]));
    const service = this.services.code(r.service_id);
    this.service[slot] = service;
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
    this.addWords(slot, [
      [a, WEIGHTS[3]],
      [b, WEIGHTS[2]],
      [c, WEIGHTS[1]],
    ]);
    const own = this.slotsOfService.get(service);
    if (own) own.push(slot);
    else this.slotsOfService.set(service, [slot]);
  }

  private addWords(slot: number, fields: Array<[string, number]>): void {
    const best = new Map<string, number>();
    for (const [text, weight] of fields) {
      if (!text) continue;
      for (const lexeme of text.split('\u0001')) {
        if ((best.get(lexeme) ?? 0) < weight) best.set(lexeme, weight);
      }
    }
    for (const [lexeme, weight] of best) {
      let p = this.postings.get(lexeme);
      if (!p) {
        p = newPosting();
        this.postings.set(lexeme, p);
        this.sortedLexemes = null;
      }
      p.pendingSlots.push(slot);
      p.pendingScores.push(weight);
      this.pending.add(p);
    }
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
    for (const p of this.pending) compactPosting(p);
    this.pending.clear();
  }

  /** Called once by the build, after adding its rows in latitude order. */
  sealBase(): void {
    this.base = this.size;
  }

  /** Marks every row of a service dead (its fresh rows, if any, are then added). */
  removeService(serviceId: string): void {
    const code = this.services.find(serviceId);
    if (code === undefined) return;
    for (const slot of this.slotsOfService.get(code) ?? []) this.alive[slot] = 0;
    this.slotsOfService.delete(code);
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

  private evaluate(node: QueryNode, lo: number, hi: number): Hits {
    switch (node.kind) {
      case 'term': {
        const lexemes = node.prefix
          ? this.lexemesWithPrefix(node.lexeme)
          : this.postings.has(node.lexeme)
            ? [node.lexeme]
            : [];
        const lists = lexemes.map((l) => within(this.postings.get(l) as Posting, lo, hi, this.base));
        // A prefix: each row keeps the best weight among the words sharing it.
        return unionMany(lists, this.size);
      }
      case 'and': {
        const [first, ...rest] = node.children.map((c) => this.evaluate(c, lo, hi));
        return first ? rest.reduce(intersect, first) : NO_HITS;
      }
      case 'or':
        return node.children
          .map((c) => this.evaluate(c, lo, hi))
          .reduce<Hits>((a, b) => union(a, b), NO_HITS);
      default:
        throw new Error(`the index does not answer ${node.kind}`);
    }
  }

  /** Whether the index answers this text exactly (no positions, no geo cells: PostgreSQL answers those). */
  static answers(text: QueryNode): boolean {
    return isPlainQuery(text) && !lexemesOf(text).some((l) => CELL_LEXEME.test(l));
  }

  /** The base slots whose latitude is within the circle's band, then every slot added since. */
  private slotsNear(circle: Circle): [number, number] {
    // NaN (no coordinates) sorts last: never below a value.
    const firstAtLeast = (value: number) => lowerBound(this.lat, value, this.base);
    return [firstAtLeast(circle.latitude - circle.dLat), firstAtLeast(circle.latitude + circle.dLat + 1e-12)];
  }

  /** Slots [lo, hi) of the build and every slot added after it. */
  private range(lo: number, hi: number): Int32Array {
    const out = new Int32Array(hi - lo + this.size - this.base);
    for (let i = lo; i < hi; i++) out[i - lo] = i;
    for (let i = this.base; i < this.size; i++) out[hi - lo + i - this.base] = i;
    return out;
  }

  /** The candidate slots (a superset of the answer) with their scores when they come from the words. */
  private candidates(
    f: SearchQuery,
    circle: Circle | null,
  ): { slots: Int32Array; scores: Float32Array | null } {
    const [lo, hi] = circle ? this.slotsNear(circle) : [0, this.base];
    if (!f.text) return { slots: this.range(lo, hi), scores: null };
    if (f.scope === 'rows') return this.evaluate(f.text, lo, hi);
    const hits = this.evaluate(f.text, 0, this.base);
    if (f.scope === 'services') return { slots: hits.slots, scores: null };
    if (circle) return { slots: this.range(lo, hi), scores: null };
    // Sites without a place: every site of each matching service.
    const seen = new Uint8Array(this.services.names.length);
    const out: number[] = [];
    for (const slot of hits.slots) {
      const service = this.service[slot] as number;
      if (!this.alive[slot] || seen[service]) continue;
      seen[service] = 1;
      out.push(...(this.slotsOfService.get(service) ?? []));
    }
    return { slots: Int32Array.from(out.sort((a, b) => a - b)), scores: null };
  }

  /** The services with a row matching the words (for 'services' and 'sites', which match by service). */
  private servicesMatching(text: QueryNode): Uint8Array {
    const matched = new Uint8Array(this.services.names.length);
    for (const slot of this.evaluate(text, 0, this.base).slots) {
      if (this.alive[slot]) matched[this.service[slot] as number] = 1;
    }
    return matched;
  }

  // ------------------------------------------------------------------------------------------- search

  /** Null when the query uses what the index does not model (then the SQL engine answers). */
  search(f: SearchQuery): MemoryOutcome | null {
    if (f.text && !MemoryIndex.answers(f.text)) return null;
    if (f.text && matchesNothing(f.text)) return { items: [], total: 0, categories: [], languages: [] };
    const circle = f.near ? circleOf(f.near) : null;
    const { slots, scores } = this.candidates(f, circle);
    // Sites near a place are read by place: each is kept when its service matches the words.
    const byService = f.scope === 'sites' && f.text && circle ? this.servicesMatching(f.text) : null;
    const statusOk = new Uint8Array(STATUSES.length).fill(f.statuses ? 0 : 1);
    for (const s of f.statuses ?? []) statusOk[STATUSES.indexOf(s)] = 1;
    const wantedTerms = f.taxonomy.map((t) => this.terms.find(t) ?? -1);
    const wantedLangs = f.languages.map((l) => this.langs.find(l) ?? -1);
    const byRow = f.scope === 'sites' || f.organizationId !== null || f.serviceIds !== null;
    const age = f.age;
    const minute = f.openAtMinuteOfWeek;
    const facets = f.facets && f.scope === 'rows';
    const categoryCounts = new Int32Array(facets ? this.terms.names.length : 0);
    const languageCounts = new Int32Array(facets ? this.langs.names.length : 0);
    const top = new TopK(f.offset + f.limit, this.orderFor(f));
    const counted = f.scope === 'services' ? new Uint8Array(this.services.names.length) : null;
    let total = 0;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k] as number;
      if (!this.alive[slot] || !statusOk[this.status[slot] as number]) continue;
      const service = this.service[slot] as number;
      if (byService && !byService[service]) continue;
      if (counted?.[service]) continue;
      if (byRow && !this.rowMatches(slot, f)) continue;
      let distance = Number.NaN;
      if (circle) {
        distance = this.distanceTo(slot, circle);
        if (Number.isNaN(distance)) continue;
      }
      if (age !== null && ((this.minAge[slot] as number) > age || (this.maxAge[slot] as number) < age))
        continue;
      if (minute !== null && !inRanges(this.open[slot] ?? null, minute)) continue;
      const termOk = wantedTerms.length === 0 || hasAny(this.taxonomy[slot] as number[], wantedTerms);
      const langOk = wantedLangs.length === 0 || hasAll(this.languages[slot] as number[], wantedLangs);
      if (facets && langOk) count1(categoryCounts, this.categories[slot] as number[]);
      if (facets && termOk) count1(languageCounts, this.languages[slot] as number[]);
      if (!termOk || !langOk) continue;
      if (counted) counted[service] = 1;
      total++;
      const score = scores && f.sort === 'relevance' ? (scores[k] as number) : 0;
      top.offer(slot, score, distance);
    }
    return {
      items: top
        .sorted()
        .slice(f.offset)
        .map((e) => ({
          ...(this.display[e.slot] as DisplayRow),
          distance_m: Number.isNaN(e.distance) ? null : e.distance,
        })),
      total,
      categories: facets ? facet(categoryCounts, this.terms.names) : [],
      languages: facets ? facet(languageCounts, this.langs.names).slice(0, MAX_LANGUAGE_FACETS) : [],
    };
  }

  /** The filters read from the row itself (the console's searches use none of them). */
  private rowMatches(slot: number, f: SearchQuery): boolean {
    const row = this.display[slot] as DisplayRow;
    if (f.scope === 'sites' && row.location_id === null) return false;
    if (f.organizationId !== null && row.organization_id !== f.organizationId) return false;
    return f.serviceIds === null || f.serviceIds.has(row.service_id);
  }

  /** The distance from the circle's centre, NaN when the row is outside it (or has no coordinates). */
  private distanceTo(slot: number, circle: Circle): number {
    const lat = this.lat[slot] as number;
    if (!(Math.abs(lat - circle.latitude) <= circle.dLat)) return Number.NaN;
    const dx = (this.x[slot] as number) - circle.px;
    const dy = (this.y[slot] as number) - circle.py;
    const dz = (this.z[slot] as number) - circle.pz;
    const chord2 = dx * dx + dy * dy + dz * dz;
    if (chord2 > circle.maxChord2) return Number.NaN;
    const distance = earthDistance(chord2);
    return distance > circle.radiusMeters ? Number.NaN : distance;
  }

  private orderFor(f: SearchQuery) {
    const names = this.nameKeys[f.nameLanguage];
    const tie =
      f.scope === 'services'
        ? (a: number, b: number) =>
            compareText(
              (this.display[a] as DisplayRow).service_id,
              (this.display[b] as DisplayRow).service_id,
            )
        : (a: number, b: number) => (this.idRank[a] as number) - (this.idRank[b] as number);
    const sort = f.sort === 'distance' && !f.near ? 'relevance' : f.sort;
    return orderOf(sort, tie, (slot) => names[slot] ?? null);
  }
}
