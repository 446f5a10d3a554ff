import { Me, OkResponse, type Role } from '@relais/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { api, apiSession, isApiError, isApiErrorCode, type RequestOptions } from './api';
import { privateStorage } from './private-storage';

/**
 * The signed-in session, shared by the shell and every feature. GET /api/auth/me decides it: a Me means
 * signed in, null means signed out. Features read roles through useCurrentStaff / hasAnyRole.
 */
export const meQueryKey = ['auth', 'me'] as const;

export async function fetchMe(
  signal?: AbortSignal,
  activity?: RequestOptions['activity'],
): Promise<Me | null> {
  try {
    const me = await api.get('/api/auth/me', Me, { signal, activity });
    apiSession.setCsrfToken(me.csrfToken);
    privateStorage.open(me.staff.id);
    return me;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      // No session in this browser: whatever the last one kept locally goes (it ended while closed).
      apiSession.forget();
      privateStorage.close();
      return null;
    }
    throw err;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
    retry: (count, err) => isApiErrorCode(err, 'network') && count < 2,
  });

export function useSession() {
  const query = useQuery(meQueryOptions());
  return { me: query.data ?? null, isPending: query.isPending, error: query.error, refetch: query.refetch };
}

/** Set by the router around the signed-in shell, so everything inside sees the same session at once. */
export const CurrentStaffContext = createContext<Me | null>(null);

/** For screens inside the signed-in shell, where the router guarantees a session. */
export function useCurrentStaff(): Me {
  const me = useContext(CurrentStaffContext);
  if (!me) throw new Error('useCurrentStaff is only available inside the signed-in shell');
  return me;
}

export const hasAnyRole = (userRoles: readonly Role[], allowed: readonly Role[]) =>
  allowed.some((role) => userRoles.includes(role));

/** Why the last session ended, shown once on the login screen. */
export type SignedOutReason = 'logout' | 'expired' | 'idle' | 'disabled';

let lastReason: SignedOutReason | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export const signedOut = {
  reason: () => lastReason,
  clear() {
    lastReason = null;
    notify();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useSignedOutReason = () =>
  useSyncExternalStore(signedOut.subscribe, signedOut.reason, signedOut.reason);

/** After a login: remember the session everywhere it is needed. */
export function startSession(queryClient: QueryClient, me: Me) {
  apiSession.setCsrfToken(me.csrfToken);
  privateStorage.open(me.staff.id);
  lastReason = null;
  notify();
  queryClient.setQueryData(meQueryKey, me);
}

/**
 * Ends the session locally: forget the token, every cached record and the drafts kept in this browser
 * (they may hold personal details).
 */
export function endSession(queryClient: QueryClient, reason: SignedOutReason) {
  apiSession.forget();
  privateStorage.close();
  lastReason = reason;
  notify();
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

/** POST /api/auth/logout. `csrfToken` lets a session already forgotten locally still be closed on the server. */
export const logoutRequest = (csrfToken?: string) =>
  api.post('/api/auth/logout', OkResponse, undefined, csrfToken ? { csrfToken } : undefined);

/** Signs out on the server and here; signed out locally even when the server cannot be reached. */
export async function signOut(queryClient: QueryClient) {
  try {
    await logoutRequest();
  } finally {
    endSession(queryClient, 'logout');
  }
}
