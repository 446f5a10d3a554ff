import type { ClientToServerEvents, ServerToClientEvents } from '@relais/contracts';
import type { Server } from 'socket.io';

// The live-update surface services publish to; plugins/realtime implements it. Types only, so services and
// the context can name it without importing the plugin (which imports the auth service).

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface Realtime {
  /** Publish after commit. `to` is one or more rooms (see `rooms`); omitted means every signed-in staff member. */
  publish<E extends EventName>(event: E, payload: Payload<E>, to?: string | string[]): void;
  /** Ends a staff member's live connections (logout, disabled account). */
  disconnectStaff(staffId: string, reason: EndReason): void;
  /** Ends the live connections of one session only (signing out on one device leaves the others). */
  disconnectSession(sessionId: string, reason: EndReason): void;
  io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;
}

export type EndReason = Payload<'session.ended'>['reason'];
/** Messages between API processes (through the adapter), not seen by consoles. */
export interface InterServerEvents {
  'room.end': (room: string, reason: EndReason) => void;
}
