import type { Db } from '@relais/db';
import { expiringPerDatabase } from '../../lib/per-database';
import { validationError } from './contacts.errors';
import { listLines } from './contacts.queries';
import type { LineRow } from './contacts.records';

/** Lines of the contact centre: data, cached briefly per database (rarely changed; a new line shows within 30 s). */

const LINE_TTL_MS = 30_000;
const lines = expiringPerDatabase(
  LINE_TTL_MS,
  async (db: Db) => new Map((await listLines(db)).map((l) => [l.id, l])),
);

export function linesOf(db: Db): Promise<Map<string, LineRow>> {
  return lines.get(db);
}

export async function lineOrThrow(db: Db, lineId: string, forNew: boolean) {
  return lineIn(await linesOf(db), lineId, forNew);
}

/** The line among `lines` (from linesOf, read before any transaction: see autosave-contact.ts), or a 400. */
export function lineIn(lines: Map<string, LineRow>, lineId: string, forNew: boolean) {
  const line = lines.get(lineId);
  if (!line || (forNew && !line.active))
    throw validationError([{ path: 'lineId', message: `${lineId} is not an active line` }]);
  return line;
}
