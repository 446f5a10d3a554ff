import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import i18n from '../i18n';
import { apiSession, isApiError } from '../lib/api';
import { endSession, fetchMe, meQueryKey, useSession, type SignedOutReason } from '../lib/session';
import { connectRealtime, RealtimeContext, RealtimeHub, type ConnectRealtime } from '../lib/socket';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retry only what may pass on a second try: a lost connection or a server hiccup.
        retry: (count, error) =>
          count < 2 && (!isApiError(error) || error.code === 'network' || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

/** A request met 401 while we thought we were signed in: the session ended elsewhere. */
function SessionGuard() {
  const queryClient = useQueryClient();
  useEffect(() => {
    apiSession.setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(meQueryKey)) endSession(queryClient, 'expired');
    });
    return () => apiSession.setUnauthenticatedHandler(null);
  }, [queryClient]);
  return null;
}

/**
 * Opens the realtime link while someone is signed in. After a reconnect every query is refetched (events
 * missed meanwhile are not replayed); when the server ends the session the console signs out locally.
 */
function RealtimeProvider({ connect, children }: { connect: ConnectRealtime; children: ReactNode }) {
  const queryClient = useQueryClient();
  const { me } = useSession();
  // A session that must first change its password or set up TOTP gets no live link (the server refuses it).
  const staffId = me && me.required.length === 0 ? me.staff.id : undefined;
  const [hub] = useState(() => new RealtimeHub());

  useEffect(() => {
    if (!staffId) return;
    const link = connect();
    const confirmSession = async (reason: SignedOutReason) => {
      // The server may end another session of the same person: check ours before signing out.
      const current = await fetchMe().catch(() => undefined);
      if (current === null) endSession(queryClient, reason);
      else if (current) queryClient.setQueryData(meQueryKey, current);
    };
    // After a gap, everything is read again, but queries marked manualOnly (each run is a rate-limited,
    // audited action, like a repeat-caller lookup).
    const resync = () =>
      void queryClient.invalidateQueries({ predicate: (query) => query.meta?.manualOnly !== true });
    const offs = [
      link.onEvent(hub.dispatch),
      link.onReconnect(resync),
      link.onRefused(() => void confirmSession('expired')),
      hub.on('session.ended', (event) => void confirmSession(event.reason)),
      hub.on('realtime.resync', resync),
    ];
    return () => {
      offs.forEach((off) => off());
      link.close();
    };
  }, [connect, hub, queryClient, staffId]);

  return <RealtimeContext.Provider value={hub}>{children}</RealtimeContext.Provider>;
}

export function AppProviders({
  children,
  queryClient,
  connect = connectRealtime,
}: {
  children: ReactNode;
  queryClient: QueryClient;
  /** The realtime link; tests pass a fake. */
  connect?: ConnectRealtime;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionGuard />
        <RealtimeProvider connect={connect}>{children}</RealtimeProvider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
