import { useQueryClient } from '@tanstack/react-query';
import { endSession, fetchMe, meQueryKey } from '../../../lib/session';

/** Asks the server for the session again, which slides its idle expiry ("stay signed in"). */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return async () => {
    // The person asked to stay: this request is theirs, so it slides the session.
    const me = await fetchMe(undefined, 'user');
    if (me) queryClient.setQueryData(meQueryKey, me);
    else endSession(queryClient, 'expired');
    return me;
  };
}
