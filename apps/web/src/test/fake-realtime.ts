import type { ServerEvent, ServerEventPayload, RealtimeConnection } from '../lib/socket';

/** Stands in for socket.io: lets a test play the server's side of the realtime link. */
export function fakeRealtime() {
  const listeners = {
    event: new Set<(e: string, p: unknown) => void>(),
    reconnect: new Set<() => void>(),
    refused: new Set<() => void>(),
  };
  let open = 0;
  const add = <T>(set: Set<T>, handler: T) => {
    set.add(handler);
    return () => void set.delete(handler);
  };
  const connect = (): RealtimeConnection => {
    open += 1;
    return {
      onEvent: (handler) => add(listeners.event, handler),
      onReconnect: (handler) => add(listeners.reconnect, handler),
      onRefused: (handler) => add(listeners.refused, handler),
      close: () => {
        open -= 1;
      },
    };
  };
  return {
    connect,
    openConnections: () => open,
    emit<E extends ServerEvent>(event: E, payload: ServerEventPayload<E>) {
      listeners.event.forEach((h) => h(event, payload));
    },
    reconnect: () => listeners.reconnect.forEach((h) => h()),
    refuse: () => listeners.refused.forEach((h) => h()),
  };
}
