import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { groupCommit } from '../lib/group-commit';

const HEARTBEAT_MS = 10_000;
/** What the adapter sends for every event it publishes. */
const NOTIFY = 'SELECT pg_notify($1, $2)';

/**
 * The adapter publishes each event as its own `SELECT pg_notify($1, $2)`: a round trip and a transaction per
 * event. This sends the events waiting at any moment as one statement instead (at most one in flight, so
 * events keep their order), which at a busy centre's rate of contact changes saves most of those round trips.
 * PostgreSQL delivers a transaction's notifications once each: two identical events in one batch arrive once.
 */
export function notifyBatcher(pool: Pick<pg.Pool, 'query'>) {
  const send = groupCommit<{ channel: string; payload: string }, void>(
    async (batch) => {
      await pool.query('SELECT pg_notify(x.c, x.p) FROM unnest($1::text[], $2::text[]) AS x(c, p)', [
        batch.map((b) => b.channel),
        batch.map((b) => b.payload),
      ]);
      return batch.map(() => undefined);
    },
    { maxGroup: 1000 },
  );
  return (channel: string, payload: string) => send({ channel, payload });
}

/**
 * The PostgreSQL socket adapter LISTENs on a client it takes from a pool and keeps forever. Taken from the
 * application's pool, that client has no `error` listener (a PostgreSQL restart would crash the process),
 * and one acquired just as the app closes is never released. This gives LISTEN its own client instead:
 * errors are handled, a heartbeat notices a dead link, and `onRelisten` fires after every reconnection so
 * consoles can refetch what they may have missed (the adapter does not replay events).
 */
export function createListener(opts: {
  connectionString: string;
  queryPool: pg.Pool;
  log: FastifyBaseLogger;
  onRelisten: () => void;
}) {
  let current: pg.Client | undefined;
  let connections = 0;
  let closed = false;
  let markListening: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (markListening = resolve));

  async function connect() {
    if (closed) throw new Error('realtime listener is closed');
    const client = new pg.Client({
      connectionString: opts.connectionString,
      application_name: 'relais-listen',
    });
    client.on('error', (err) => {
      opts.log.warn({ err: { message: err.message } }, 'realtime LISTEN connection lost; reconnecting');
      void client.end().catch(() => undefined);
    });
    await client.connect();
    const reconnected = connections++ > 0;
    const query = client.query.bind(client) as (text: string) => Promise<unknown>;
    // The adapter issues LISTEN right after connecting: that is when events start to flow again.
    Object.assign(client, {
      query: async (text: string) => {
        const result = await query(text);
        if (text.startsWith('LISTEN')) {
          markListening();
          if (reconnected) opts.onRelisten();
        }
        return result;
      },
      release: () => undefined,
    });
    current = client;
    return client;
  }

  const notify = notifyBatcher(opts.queryPool);
  const heartbeat = setInterval(() => {
    const client = current;
    client?.query('SELECT 1').catch(() => void client.end().catch(() => undefined));
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    /** What the adapter takes for a pool: LISTEN on our client, NOTIFY (batched) and cleanup through the app's pool. */
    pool: {
      connect,
      query: (text: string, params?: unknown[]) =>
        text === NOTIFY && params
          ? notify(String(params[0]), String(params[1]))
          : opts.queryPool.query(text, params),
    } as unknown as pg.Pool,
    /** Resolves once the adapter listens, so closing never races the first connection. */
    ready: (timeoutMs: number) =>
      Promise.race([listening, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]),
    async close() {
      closed = true;
      clearInterval(heartbeat);
      await current?.end().catch(() => undefined);
    },
  };
}
