import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { systemActor } from '../lib/context';
import { runRetention } from '../modules/retention/retention.service';

const EVERY_MS = 60 * 60_000;
/** A retried contact creation is answered with the contact its key points to for a day; later, it creates a new one. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/**
 * Deletes what nobody may use any more: sessions past their expiry or idle limit (they are refused anyway),
 * Idempotency-Key claims older than a day (a retry after that creates a new contact), and the search change log
 * older than a day (an API process that far behind rebuilds its search index instead).
 */
export async function housekeep(db: Db, opts: { sessionIdleMinutes: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const idleSince = new Date(now.getTime() - opts.sessionIdleMinutes * 60_000);
  const keysBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000);
  const [counts] = await rows<{ sessions: number; idempotencyKeys: number; searchChanges: number }>(
    db,
    sql`WITH s AS (
          DELETE FROM sessions WHERE expires_at < ${now.toISOString()}::timestamptz
            OR last_seen_at < ${idleSince.toISOString()}::timestamptz RETURNING 1),
        k AS (DELETE FROM idempotency_keys WHERE created_at < ${keysBefore.toISOString()}::timestamptz RETURNING 1),
        c AS (DELETE FROM search_changes WHERE changed_at < ${keysBefore.toISOString()}::timestamptz RETURNING 1)
        SELECT (SELECT count(*) FROM s)::int AS sessions, (SELECT count(*) FROM k)::int AS "idempotencyKeys",
          (SELECT count(*) FROM c)::int AS "searchChanges"`,
  );
  return counts ?? { sessions: 0, idempotencyKeys: 0, searchChanges: 0 };
}

/**
 * Runs the retention policy (when RETENTION_DAYS is set) and housekeep() when the server starts listening, then
 * hourly (CLI commands and tests do not listen). Every API process runs it; the retention lock lets one work.
 */
export const housekeepingPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    let timer: NodeJS.Timeout | undefined;
    const days = opts.config.retentionDays;
    const retention = () =>
      days === undefined
        ? Promise.resolve()
        : runRetention({ ctx: { db: app.database.db, actor: systemActor('retention') }, input: { days } })
            .then((r) => {
              if (r.contacts) app.log.info({ contacts: r.contacts, runId: r.runId }, 'retention');
            })
            .catch((err: Error) => app.log.warn({ err: { message: err.message } }, 'retention failed'));
    const run = () =>
      retention()
        .then(() => housekeep(app.database.db, { sessionIdleMinutes: opts.config.sessionIdleMinutes }))
        .then((deleted) => app.log.info({ deleted }, 'housekeeping'))
        .catch((err: Error) => app.log.warn({ err: { message: err.message } }, 'housekeeping failed'));
    app.addHook('onListen', async () => {
      void run();
      timer = setInterval(() => void run(), EVERY_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'housekeeping', dependencies: ['db'] },
);
