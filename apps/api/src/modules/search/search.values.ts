import type { Facet } from './search.filters';
import { compareText } from './search.top-k';

/** The small parts of a row in the index: coded values, opening minutes, facet counts. */

/** Parses int4multirange text, e.g. `{[540,720),[1980,2160)}`, into [start, end) pairs. */
export function parseRanges(text: string | null): Int32Array | null {
  if (text === null) return null;
  const out: number[] = [];
  for (const m of text.matchAll(/([[(])(-?\d*),(-?\d*)([\])])/g)) {
    const lo = m[2] === '' ? -Infinity : Number(m[2]) + (m[1] === '(' ? 1 : 0);
    const hi = m[3] === '' ? Infinity : Number(m[3]) + (m[4] === ']' ? 1 : 0);
    out.push(Math.max(lo, -2_147_483_648), Math.min(hi, 2_147_483_647));
  }
  return Int32Array.from(out);
}

export class Codes {
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

/** Count descending, then id (byte order, as PostgreSQL's C collation sorts them). */
export function facet(counts: Int32Array, names: string[]): Facet[] {
  return names
    .map((id, code) => ({ id, count: counts[code] as number }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || compareText(a.id, b.id));
}

export function count1(counts: Int32Array, codes: number[]) {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
}

export function hasAny(values: number[], wanted: number[]) {
  for (let i = 0; i < values.length; i++) if (wanted.includes(values[i] as number)) return true;
  return false;
}

export function hasAll(values: number[], wanted: number[]) {
  for (const w of wanted) if (!values.includes(w)) return false;
  return true;
}

export function inRanges(ranges: Int32Array | null, minute: number) {
  if (!ranges) return false;
  for (let i = 0; i < ranges.length; i += 2) {
    if (minute >= (ranges[i] as number) && minute < (ranges[i + 1] as number)) return true;
  }
  return false;
}
