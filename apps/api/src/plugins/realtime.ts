import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import {
  rooms,
  SESSION_COOKIE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@relais/contracts';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { Config } from '../config';
import type { Actor } from '../lib/context';
import { createListener } from './realtime-listener';
import { actorFromSession } from '../modules/auth/auth.service';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface Realtime {
  /** Publish after commit. `to` is one or more rooms (see `rooms`); omitted means every signed-in staff member. */
  publish<E extends EventName>(event: E, payload: Payload<E>, to?: string | string[]): void;
  /** Ends a staff member's live connections (logout, disabled account). */
  disconnectStaff(staffId: string, reason: Payload<'session.ended'>['reason']): void;
  /** Ends the live connections of one session only (signing out on one device leaves the others). */
  disconnectSession(sessionId: string, reason: Payload<'session.ended'>['reason']): void;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

const ALL_STAFF = 'staff';

/**
 * Socket.IO on the API's own HTTP server. Sockets authenticate with the staff session cookie; anonymous
 * handshakes are refused. Across processes events travel through PostgreSQL (or Redis when configured).
 * The adapters do not replay what was missed while disconnected: the console refetches after reconnecting.
 */
export const realtimePlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
      path: '/socket.io',
      serveClient: false,
    });
    const cleanups: Array<() => Promise<unknown>> = [];

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
        createPostgresAdapter(listener.pool, {
          heartbeatInterval: 5_000,
          errorHandler: (err) =>
            app.log.warn({ err: { message: err.message } }, 'socket.io postgres adapter error'),
        }),
      );
      await listener.ready(5_000);
      cleanups.push(() => listener.close());
    }

    io.use(async (socket, next) => {
      try {
        const token = fastifyCookie.parse(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
        const found = token
          ? await actorFromSession(app.database.db, token, opts.config.sessionIdleMinutes)
          : null;
        if (!found) return next(new Error('unauthenticated'));
        socket.data.actor = found.actor;
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
    });

    const endRoom = (room: string, reason: Payload<'session.ended'>['reason']) => {
      io.to(room).emit('session.ended', { reason });
      io.in(room).disconnectSockets(true);
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

    // Close sockets before the HTTP server stops, so open websockets do not hold the shutdown.
    app.addHook('preClose', async () => {
      io.disconnectSockets(true);
      io.engine.close();
    });
    app.addHook('onClose', async () => {
      const adapter = io.of('/').adapter as unknown as { close?: () => Promise<void> | void };
      await adapter.close?.();
      await Promise.allSettled(cleanups.map((c) => c()));
    });
  },
  { name: 'realtime', dependencies: ['db'] },
);
