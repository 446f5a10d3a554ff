/** Posting lists and the set operations over them: sorted row slots with a score per slot. */

/** The rows holding a lexeme, in slot order, with the best weight it has in each. */
export interface Posting {
  slots: Int32Array;
  scores: Float32Array;
  /** Rows added since the last compact(): searches never see them here. */
  pendingSlots: number[];
  pendingScores: number[];
}

/** Hits of a query: row slots in increasing order with their scores. */
export interface Hits {
  slots: Int32Array;
  scores: Float32Array;
}

export const NO_HITS: Hits = { slots: new Int32Array(0), scores: new Float32Array(0) };

export const newPosting = (): Posting => ({
  slots: NO_HITS.slots,
  scores: NO_HITS.scores,
  pendingSlots: [],
  pendingScores: [],
});

/** Moves a posting's pending rows into its arrays. */
export function compactPosting(p: Posting): void {
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

/** The first index below `end` of a sorted list whose value is at least `value`. */
export function lowerBound(list: ArrayLike<number>, value: number, end = list.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A posting list cut to the slots [lo, hi) and those from `base` on (added after the build). */
export function within(p: Posting, lo: number, hi: number, base: number): Hits {
  const a = lowerBound(p.slots, lo);
  const b = lowerBound(p.slots, hi);
  const c = lowerBound(p.slots, base);
  if (c === p.slots.length) return { slots: p.slots.subarray(a, b), scores: p.scores.subarray(a, b) };
  const slots = new Int32Array(b - a + p.slots.length - c);
  slots.set(p.slots.subarray(a, b));
  slots.set(p.slots.subarray(c), b - a);
  const scores = new Float32Array(slots.length);
  scores.set(p.scores.subarray(a, b));
  scores.set(p.scores.subarray(c), b - a);
  return { slots, scores };
}

/** Rows in both; the scores add up. */
export function intersect(a: Hits, b: Hits): Hits {
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

const sum = (x: number, y: number) => x + y;

/** Rows in either; a row in both scores combine(a, b) (the sum for `|`, the best for a prefix's words). */
export function union(a: Hits, b: Hits, combine: (x: number, y: number) => number = sum): Hits {
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

/** The union of many lists in one pass over a dense array (each row keeps its best score). */
export function unionMany(lists: Hits[], size: number): Hits {
  if (lists.length <= 8) return lists.reduce<Hits>((a, b) => union(a, b, Math.max), NO_HITS);
  const dense = new Float32Array(size);
  let count = 0;
  for (const p of lists) {
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
