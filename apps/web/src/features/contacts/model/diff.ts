/** Leaf paths where two JSON-like values differ, e.g. `caller.ageGroup`, `needs.1.unmetReason`. */
export function diffPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (Object.is(a, b)) return [];
  const aObj = isObject(a);
  const bObj = isObject(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      out.push(...diffPaths(a[i], b[i], join(prefix, String(i))));
    }
    return out;
  }
  if (aObj && bObj && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    const out: string[] = [];
    for (const key of keys) out.push(...diffPaths(a[key], b[key], join(prefix, key)));
    return out;
  }
  if (isEmpty(a) && isEmpty(b)) return [];
  return [prefix];
}

export function sameValue(a: unknown, b: unknown) {
  return diffPaths(a, b).length === 0;
}

/** Reads a value by a dotted path produced by diffPaths. */
export function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (!part) continue;
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: unknown) {
  return value === undefined || value === null || value === '';
}

function join(prefix: string, key: string) {
  return prefix ? `${prefix}.${key}` : key;
}
