import type { Db } from '@relais/db';
import { listLines, type LineRow } from './contacts.queries';
import { validationError } from './contacts.write';

/** Lines of the contact centre: data, cached briefly per database (rarely changed; a new line shows within 30 s). */

const LINE_TTL_MS = 30_000;
const lineCache = new WeakMap<object, { at: number; lines: Map<string, LineRow> }>();

export async function linesOf(db: Db): Promise<Map<string, LineRow>> {
  const cached = lineCache.get(db);
  if (cached && Date.now() - cached.at < LINE_TTL_MS) return cached.lines;
  const lines = new Map((await listLines(db)).map((l) => [l.id, l]));
  lineCache.set(db, { at: Date.now(), lines });
  return lines;
}

export async function lineOrThrow(db: Db, lineId: string, forNew: boolean) {
  return lineIn(await linesOf(db), lineId, forNew);
}

/** The line among `lines` (from linesOf, read before any transaction: see updateContact), or a 400. */
export function lineIn(lines: Map<string, LineRow>, lineId: string, forNew: boolean) {
  const line = lines.get(lineId);
  if (!line || (forNew && !line.active))
    throw validationError([{ path: 'lineId', message: `${lineId} is not an active line` }]);
  return line;
}
