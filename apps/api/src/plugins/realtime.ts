import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import {
  rooms,
  sessionCookieName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@relais/contracts';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { Config } from '../config';
import type { Actor } from '../lib/context';
import type { EndReason, InterServerEvents, Realtime } from '../lib/realtime';
import { createListener } from './realtime-listener';
import { actorFromSession, liveSessionExpiry, requiredSteps } from '../modules/auth/auth.service';

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

const ALL_STAFF = 'staff';
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** When the database cannot say whether a session still lives, ask again after this long. */
const RECHECK_MS = 30_000;

/**
 * A live connection may only come from the console: a page on the same host as the request, or an origin
 * configured in CONSOLE_ORIGIN. Browsers send Origin on every cross-site handshake (and Sec-Fetch-Site);
 * a request with neither comes from a same-origin poll or from a program that holds the cookie anyway.
 */
export function originAllowed(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (!origin) {
    const site = headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

type AdapterFactory = ReturnType<typeof createPostgresAdapter>;

/** Remembers the adapter's publishes until PostgreSQL has taken them, so closing can wait for them. */
function trackPublishes(factory: AdapterFactory, inFlight: Set<Promise<unknown>>): AdapterFactory {
  return function (nsp) {
    const adapter = factory(nsp) as unknown as { doPublish: (m: unknown) => Promise<unknown> };
    const publish = adapter.doPublish.bind(adapter);
    adapter.doPublish = (message) => {
      const sent = publish(message);
      const done = () => inFlight.delete(sent);
      inFlight.add(sent);
      sent.then(done, done);
      return sent;
    };
    return adapter as unknown as ReturnType<AdapterFactory>;
  };
}

/**
 * Socket.IO on the API's own HTTP server. Sockets authenticate with the staff session cookie; anonymous
 * handshakes are refused. Across processes events travel through PostgreSQL (or Redis when configured).
 * The adapters do not replay what was missed while disconnected: the console refetches after reconnecting.
 */
export const realtimePlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>(app.server, {
      path: '/socket.io',
      serveClient: false,
      allowRequest: (req, callback) => callback(null, originAllowed(req.headers, opts.config.consoleOrigins)),
    });
    const cleanups: Array<() => Promise<unknown>> = [];
    const inFlight = new Set<Promise<unknown>>();

    if (opts.config.redisUrl) {
      const pub = createClient({ url: opts.config.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', (err) => app.log.warn({ err }, 'redis publisher error'));
      sub.on('error', (err) => app.log.warn({ err }, 'redis subscriber error'));
      await Promise.all([pub.connect(), sub.connect()]);
      io.adapter(createRedisAdapter(pub, sub));
      cleanups.push(
        () => pub.quit(),
        () => sub.quit(),
      );
    } else if (app.database.pool) {
      const listener = createListener({
        connectionString: String(app.database.pool.options.connectionString),
        queryPool: app.database.pool,
        log: app.log,
        onRelisten: () => io.local.emit('realtime.resync', {}),
      });
      io.adapter(
        trackPublishes(
          createPostgresAdapter(listener.pool, {
            heartbeatInterval: 5_000,
            errorHandler: (err) =>
              app.log.warn({ err: { message: err.message } }, 'socket.io postgres adapter error'),
          }),
          inFlight,
        ),
      );
      await listener.ready(5_000);
      cleanups.push(() => listener.close());
    }

    io.use(async (socket, next) => {
      try {
        const cookies = fastifyCookie.parse(socket.request.headers.cookie ?? '');
        const token = cookies[sessionCookieName(opts.config.cookieSecure)];
        // Connecting is not a person's activity: it does not slide the session.
        const found = token
          ? await actorFromSession(app.database.db, token, opts.config.sessionIdleMinutes, { slide: false })
          : null;
        if (!found || found.actor.type !== 'staff') return next(new Error('unauthenticated'));
        // Until the password is changed (or TOTP set up) the session sees nothing live.
        if (requiredSteps(found.actor.roles, found, opts.config).length > 0)
          return next(new Error('required_steps'));
        socket.data.actor = found.actor;
        socket.data.expiresAt = found.expiresAt;
        next();
      } catch (err) {
        next(err as Error);
      }
    });

    io.on('connection', (socket: Socket) => {
      const actor = socket.data.actor as Extract<Actor, { type: 'staff' }>;
      void socket.join([
        ALL_STAFF,
        rooms.session(actor.sessionId),
        rooms.staff(actor.id),
        ...actor.roles.map(rooms.role),
      ]);
      endOnExpiry(socket, actor.sessionId, socket.data.expiresAt as Date);
    });

    /**
     * Closes a socket when its session runs out (idle or absolute lifetime): at the expiry known, the
     * session is read again, since a person's requests may have slid it meanwhile.
     */
    const endOnExpiry = (socket: Socket, sessionId: string, expiresAt: Date) => {
      let timer: NodeJS.Timeout | undefined;
      const schedule = (at: number) => {
        timer = setTimeout(() => void check(), Math.min(Math.max(at - Date.now(), 0) + 250, MAX_TIMER_MS));
        timer.unref();
      };
      const check = async () => {
        if (!socket.connected) return;
        const live = await liveSessionExpiry(app.database.db, sessionId).catch(() => undefined);
        if (live === undefined) return schedule(Date.now() + RECHECK_MS);
        if (live && live.getTime() > Date.now()) return schedule(live.getTime());
        socket.emit('session.ended', { reason: 'expired' });
        socket.disconnect(true);
      };
      schedule(expiresAt.getTime());
      socket.on('disconnect', () => clearTimeout(timer));
    };

    // Each process tells its own sockets why, then closes them. One message per room, not an emit followed
    // by a disconnect: the adapter publishes those on different connections, and the disconnect could
    // overtake the reason.
    const endLocally = (room: string, reason: EndReason) => {
      io.local.to(room).emit('session.ended', { reason });
      io.local.in(room).disconnectSockets(true);
    };
    io.on('room.end', endLocally);
    const clustered = Boolean(opts.config.redisUrl || app.database.pool);
    const endRoom = (room: string, reason: EndReason) => {
      endLocally(room, reason);
      if (clustered) io.serverSideEmit('room.end', room, reason);
    };
    const realtime: Realtime = {
      io,
      publish(event, payload, to) {
        const target = io.to(to ?? ALL_STAFF) as unknown as { emit: (e: string, p: unknown) => void };
        target.emit(event, payload);
      },
      disconnectStaff(staffId, reason) {
        endRoom(rooms.staff(staffId), reason);
      },
      disconnectSession(sessionId, reason) {
        endRoom(rooms.session(sessionId), reason);
      },
    };
    app.decorate('realtime', realtime);

    // Close this process's sockets before the HTTP server stops, so open websockets do not hold the
    // shutdown. Local only: other API processes keep their consoles connected.
    app.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
      io.engine.close();
    });
    app.addHook('onClose', async () => {
      // What was published just before closing (the CLI disabling someone) must still reach the others.
      await Promise.allSettled([...inFlight]);
      const adapter = io.of('/').adapter as unknown as { close?: () => Promise<void> | void };
      await adapter.close?.();
      await Promise.allSettled(cleanups.map((c) => c()));
    });
  },
  { name: 'realtime', dependencies: ['db'] },
);
