import { rooms, type EntityChanged } from '@relais/contracts';
import { createDb, type Database } from '@relais/db';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';
import { createTestApp, login, TEST_PASSWORD, type SignedIn, type TestApp } from '../test/helpers';

async function listen(app: App) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

function connect(url: string, cookie?: string): Socket {
  return connectSocket(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
}

/** The next `event` on the socket for which `matches` holds (others, e.g. late events of an earlier step, pass by). */
const nextEvent = <T>(socket: Socket, event: string, matches: (payload: T) => boolean = () => true) =>
  new Promise<T>((resolve, reject) => {
    const onEvent = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no ${event} within 8 s`));
    }, 8_000);
    socket.on(event, onEvent);
  });

type Changed = EntityChanged;
const withId = (id: string) => (e: Changed) => e.id === id;

/**
 * Publishes `event` from `from` to the supervisors again and again until the socket has it. A subscription that
 * has just been made (another process's adapter) starts to deliver at a moment nobody is told of: rather than
 * wait a fixed time and hope, the event is repeated until it arrives. Later copies pass by `nextEvent` filters.
 */
async function publishUntilReceived(socket: Socket, from: App, event: Changed) {
  const received = nextEvent<Changed>(socket, 'entity.changed', withId(event.id));
  let done = false;
  void received.finally(() => (done = true)).catch(() => undefined);
  for (let i = 0; i < 80 && !done; i++) {
    from.realtime.publish('entity.changed', event, 'role:supervisor');
    await Promise.race([received.catch(() => undefined), new Promise((r) => setTimeout(r, 100))]);
  }
  return received;
}

/**
 * What the socket had received of `event` when a marker sent after it arrives. One process sends one socket's
 * events in order, so an event sent to it before the marker is among these: a deterministic "not received".
 */
async function receivedBeforeMarker(socket: Socket, event: string, sendMarker: (id: string) => void) {
  const seen: unknown[] = [];
  const record = (payload: unknown) => seen.push(payload);
  socket.on(event, record);
  const id = `marker-${Math.random().toString(36).slice(2)}`;
  const marker = nextEvent<Changed>(socket, 'entity.changed', withId(id));
  sendMarker(id);
  await marker;
  socket.off(event, record);
  return seen;
}

describe('realtime', () => {
  let t: TestApp;
  let url: string;
  let specialist: SignedIn;
  let supervisor: SignedIn;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t.app);
    specialist = await t.signIn(['specialist']);
    supervisor = await t.signIn(['supervisor']);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('refuses an anonymous socket', async () => {
    const socket = connect(url);
    sockets.push(socket);
    const err = await nextEvent<Error>(socket, 'connect_error');
    expect(err.message).toBe('unauthenticated');
  });

  it('delivers an event to the sockets of one role only', async () => {
    const sup = connect(url, supervisor.cookie);
    const spec = connect(url, specialist.cookie);
    sockets.push(sup, spec);
    await Promise.all([nextEvent(sup, 'connect'), nextEvent(spec, 'connect')]);
    const specialistGot: unknown[] = [];
    spec.on('entity.changed', (e: unknown) => specialistGot.push(e));
    const received = nextEvent(sup, 'entity.changed', withId('c1'));
    t.app.realtime.publish(
      'entity.changed',
      { entity: 'contact', id: 'c1', action: 'updated' },
      'role:supervisor',
    );
    expect(await received).toEqual({ entity: 'contact', id: 'c1', action: 'updated' });
    // A marker to the specialists after it: had the event gone to the specialist, it would have come first.
    await receivedBeforeMarker(spec, 'entity.changed', (id) =>
      t.app.realtime.publish('entity.changed', { entity: 'probe', id, action: 'updated' }, 'role:specialist'),
    );
    expect(specialistGot.filter((e) => (e as Changed).id === 'c1')).toEqual([]);
  });

  it('ends the sockets of the session that signs out, and only those', async () => {
    const email = `two-devices-${Date.now()}@test.relais`;
    const s = await t.signIn(['specialist'], email);
    const other = await login(t.app, email, TEST_PASSWORD);
    const socket = connect(url, s.cookie);
    const otherDevice = connect(url, other.cookie);
    sockets.push(socket, otherDevice);
    await Promise.all([nextEvent(socket, 'connect'), nextEvent(otherDevice, 'connect')]);
    const otherEnded: unknown[] = [];
    otherDevice.on('session.ended', (e: unknown) => otherEnded.push(e));
    const ended = nextEvent<{ reason: string }>(socket, 'session.ended');
    const disconnected = nextEvent(socket, 'disconnect');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(await ended).toEqual({ reason: 'logout' });
    await disconnected;
    // A marker to the person's other sockets, sent after the sign-out: an end meant for them would come first.
    await receivedBeforeMarker(otherDevice, 'session.ended', (id) =>
      t.app.realtime.publish(
        'entity.changed',
        { entity: 'probe', id, action: 'updated' },
        rooms.staff(s.me.staff.id),
      ),
    );
    expect(otherEnded).toEqual([]);
    expect(otherDevice.connected).toBe(true);
  });
});

// Several API processes share events through PostgreSQL (server only) or Redis (TEST_REDIS_URL). In CI
// (CI=true) the Redis tests are required: without TEST_REDIS_URL they fail instead of skipping.
const redisRequired = process.env.CI === 'true';
const adapters = [
  { name: 'PostgreSQL', enabled: Boolean(process.env.TEST_DATABASE_URL), redisUrl: undefined },
  {
    name: 'Redis',
    enabled: Boolean(process.env.TEST_REDIS_URL) || redisRequired,
    redisUrl: process.env.TEST_REDIS_URL,
  },
];

describe.each(adapters)('realtime across API processes ($name adapter)', ({ name, enabled, redisUrl }) => {
  let t: TestApp;
  let second: { app: App; database: Database };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    if (name === 'Redis' && !redisUrl)
      throw new Error('CI=true needs TEST_REDIS_URL for the Redis adapter tests');
    t = await createTestApp({ redisUrl });
    // The second process: its own connection pool to the same database (or the same PGlite, for Redis).
    const url = (t.database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
    const database = url
      ? await createDb({ url, poolSize: 3 })
      : { ...t.database, close: async () => undefined };
    second = { app: await buildApp({ config: t.config, database }), database };
    await second.app.ready();
  });
  afterAll(async () => {
    if (!enabled || !t) return; // t is unset when beforeAll failed: its error is the one to read
    for (const s of sockets) s.close();
    await second?.app.close(); // a no-op when a test closed it already
    await second?.database.close();
    await t.close();
  });

  it.runIf(enabled)('delivers an event published by another process', async () => {
    const url = await listen(t.app);
    const sup = await t.signIn(['supervisor']);
    const socket = connect(url, sup.cookie);
    sockets.push(socket);
    await nextEvent(socket, 'connect');
    // The other process's adapter subscribes at a moment of its own: repeated until it gets through.
    const received = await publishUntilReceived(socket, second.app, {
      entity: 'contact',
      id: 'x',
      action: 'created',
    });
    expect(received).toEqual({ entity: 'contact', id: 'x', action: 'created' });
  });

  it.runIf(enabled)('delivers a burst of events from another process, all of them and in order', async () => {
    const [socket] = sockets;
    if (!socket) throw new Error('the previous test opens the socket');
    const ids: string[] = [];
    const all = new Promise<void>((resolve) => {
      const onEvent = (e: { id: string }) => {
        // Only this burst: a late copy of the previous test's event is not part of it.
        if (!e.id.startsWith('burst-')) return;
        ids.push(e.id);
        if (ids.length === 30) {
          socket.off('entity.changed', onEvent);
          resolve();
        }
      };
      socket.on('entity.changed', onEvent);
    });
    // Published in one tick: on PostgreSQL they travel as one or a few batched NOTIFY statements.
    for (let i = 0; i < 30; i++)
      second.app.realtime.publish(
        'entity.changed',
        { entity: 'contact', id: `burst-${i}`, action: 'updated' },
        'role:supervisor',
      );
    await Promise.race([all, new Promise((r) => setTimeout(r, 8_000))]);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => `burst-${i}`));
  });

  it.runIf(enabled)('another process shutting down leaves the consoles of this one connected', async () => {
    const [socket] = sockets;
    if (!socket) throw new Error('the previous test opens the socket');
    const dropped: string[] = [];
    socket.on('disconnect', (reason: string) => dropped.push(reason));
    // A third process, to send a marker after the shutdown through the same channel the shutdown's own
    // messages would take: what the shutdown sent this process arrives before the marker.
    const third = await buildApp({ config: t.config, database: second.database });
    await third.ready();
    try {
      await publishUntilReceived(socket, third, {
        entity: 'probe',
        id: 'third-listening',
        action: 'updated',
      });
      await second.app.close();
      await publishUntilReceived(socket, third, { entity: 'probe', id: 'after-shutdown', action: 'updated' });
    } finally {
      await third.close();
    }
    expect(dropped).toEqual([]);
    expect(socket.connected).toBe(true);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('realtime when the LISTEN connection drops', () => {
  let t: TestApp;
  let second: { app: App; database: Database };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const url = String(t.database.pool?.options.connectionString);
    const database = await createDb({ url, poolSize: 3 });
    second = { app: await buildApp({ config: t.config, database }), database };
    await second.app.ready();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await second.app.close(); // a no-op when a test closed it already
    await second.database.close();
    await t.close();
  });

  it('survives, tells consoles to resync, and delivers events again', async () => {
    const url = await listen(t.app);
    const sup = await t.signIn(['supervisor']);
    const socket = connect(url, sup.cookie);
    sockets.push(socket);
    await nextEvent(socket, 'connect');

    const resync = nextEvent(socket, 'realtime.resync');
    const dbName = (await t.database.query<{ db: string }>('SELECT current_database() AS db'))[0]?.db;
    const killed = await t.database.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE application_name = 'relais-listen' AND datname = $1`,
      [dbName],
    );
    expect(killed.length).toBe(2); // one LISTEN connection per API process
    await resync;

    // Both processes listen again at moments of their own: repeated until it gets through.
    const received = await publishUntilReceived(socket, second.app, {
      entity: 'contact',
      id: 'y',
      action: 'updated',
    });
    expect(received).toEqual({ entity: 'contact', id: 'y', action: 'updated' });
  }, 20_000);
});
