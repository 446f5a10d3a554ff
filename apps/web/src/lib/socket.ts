import type { ClientToServerEvents, ServerToClientEvents } from '@relais/contracts';
import { createContext, useContext, useEffect, useEffectEvent } from 'react';
import { io, type Socket } from 'socket.io-client';

export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/**
 * What the console needs from the realtime link. Sockets only notify: screens react by invalidating or
 * patching their TanStack queries, and after a reconnect everything is refetched (events are not replayed).
 */
export interface RealtimeConnection {
  /** Every event the server sends, by name; the hub below routes them to subscribers. */
  onEvent(handler: (event: string, payload: unknown) => void): () => void;
  /** Called each time the link comes back after being lost (not on the first connection). */
  onReconnect(handler: () => void): () => void;
  /** The server refused the handshake: the session is probably gone. */
  onRefused(handler: () => void): () => void;
  close(): void;
}

export type ConnectRealtime = () => RealtimeConnection;

/** A restarting server drops sockets without auto-reconnect; come back after a short, jittered pause. */
const SERVER_DROP_RETRY_MS = 2_000;

export const connectRealtime: ConnectRealtime = () => {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io',
    withCredentials: true,
  });
  const reconnectHandlers = new Set<() => void>();
  const refusedHandlers = new Set<() => void>();
  let everConnected = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  socket.on('connect', () => {
    if (everConnected) reconnectHandlers.forEach((h) => h());
    everConnected = true;
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') {
      retry = setTimeout(() => socket.connect(), SERVER_DROP_RETRY_MS + Math.random() * 1_000);
    }
  });
  socket.on('connect_error', (err) => {
    if (!socket.active && err.message === 'unauthenticated') refusedHandlers.forEach((h) => h());
  });

  const subscribe = (set: Set<() => void>, handler: () => void) => {
    set.add(handler);
    return () => void set.delete(handler);
  };

  return {
    onEvent(handler) {
      const listener = (event: string, payload: unknown) => handler(event, payload);
      socket.onAny(listener);
      return () => void socket.offAny(listener);
    },
    onReconnect: (handler) => subscribe(reconnectHandlers, handler),
    onRefused: (handler) => subscribe(refusedHandlers, handler),
    close() {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
};

/**
 * Subscribers to server events, stable for the life of the console; the realtime provider feeds it from
 * whichever connection is open, so subscriptions survive reconnects and sign-ins.
 */
export class RealtimeHub {
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();

  on<E extends ServerEvent>(event: E, handler: (payload: ServerEventPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    // The event map types `handler` for callers; payloads come from the server as declared there.
    const listener = handler as (payload: unknown) => void;
    set.add(listener);
    return () => void set.delete(listener);
  }

  readonly dispatch = (event: string, payload: unknown) => {
    this.handlers.get(event)?.forEach((handler) => handler(payload));
  };
}

export const RealtimeContext = createContext<RealtimeHub | null>(null);

/**
 * Runs `handler` for each `event` the server sends while signed in. The handler may change between renders
 * without resubscribing.
 *
 * @example useSocketEvent('entity.changed', (e) => { if (e.entity === 'contact') void qc.invalidateQueries(...) })
 */
export function useSocketEvent<E extends ServerEvent>(
  event: E,
  handler: (payload: ServerEventPayload<E>) => void,
) {
  const hub = useContext(RealtimeContext);
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    if (!hub) return;
    return hub.on(event, (payload) => onEvent(payload));
  }, [hub, event]);
}
