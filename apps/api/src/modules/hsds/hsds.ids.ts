import { createHash } from 'node:crypto';

/** Namespace for ids of HSDS objects Relais derives rather than stores (RFC 4122 name-based, v5). */
const NAMESPACE = Buffer.from('6b3f2d0e9a4c4f1e8a7d5c2b1e0f9a8d', 'hex');

/**
 * A stable uuid for an HSDS object that has no row of its own, such as a location's inline address or
 * the attribute linking a service to a taxonomy term: the same inputs always give the same id.
 */
export function derivedId(kind: string, ...parts: string[]): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update([kind, ...parts].join(':'))
    .digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
