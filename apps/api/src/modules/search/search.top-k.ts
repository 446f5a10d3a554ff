/** A candidate row: its slot, score and distance (NaN without a point). */
export interface Candidate {
  slot: number;
  score: number;
  distance: number;
}

/** Whether a comes before b in the answer's order. */
export type Before = (a: Candidate, b: Candidate) => boolean;

/**
 * The first k candidates in order, without sorting them all: kept sorted, a candidate enters only if it
 * comes before the last one kept.
 */
export class TopK {
  private readonly entries: Candidate[] = [];
  constructor(
    private readonly k: number,
    private readonly before: Before,
  ) {}

  offer(slot: number, score: number, distance: number): void {
    const list = this.entries;
    const entry = { slot, score, distance };
    if (this.k === 0) return;
    if (list.length === this.k && !this.before(entry, list[list.length - 1] as Candidate)) return;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (!this.before(entry, list[mid] as Candidate)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
    if (list.length > this.k) list.pop();
  }

  sorted(): Candidate[] {
    return this.entries;
  }
}

const distanceOf = (c: Candidate) => (Number.isNaN(c.distance) ? Infinity : c.distance);

/** Compares strings in byte order, as PostgreSQL's C collation does; null (no name) last. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * The SQL search's orders: relevance = score desc, distance asc (none last), tie; distance = distance asc
 * (none last), tie; name = name asc, distance asc, tie. `tie(a, b)` is the last word (the id order).
 */
export function orderOf(
  sort: 'relevance' | 'distance' | 'name',
  tie: (a: number, b: number) => number,
  name: (slot: number) => string | null,
): Before {
  return (a, b) => {
    if (sort === 'relevance' && a.score !== b.score) return a.score > b.score;
    if (sort === 'name') {
      const byName = compareText(name(a.slot), name(b.slot));
      if (byName !== 0) return byName < 0;
    }
    const da = distanceOf(a);
    const db = distanceOf(b);
    if (da !== db) return da < db;
    return tie(a.slot, b.slot) < 0;
  };
}
