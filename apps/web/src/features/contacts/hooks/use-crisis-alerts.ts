import type { ContactCrisisEvent, OpenCrises } from '@relais/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSocketEvent } from '../../../lib/socket';
import { acknowledgeCrisis, openCrisesQueryKey, openCrisesQueryOptions } from '../api/open-crises';

/** Cards shown at once; the others are counted. */
const SHOWN = 5;

/**
 * The supervisor's crisis alerts: every open crisis from the database, kept live by contact.crisis events.
 * A lost event costs nothing: the next reload of the list (reconnect, resync, each minute) brings the alert.
 */
export function useCrisisAlerts() {
  const queryClient = useQueryClient();
  const open = useQuery(openCrisesQueryOptions());
  const patch = (change: (items: ContactCrisisEvent[]) => ContactCrisisEvent[]) =>
    queryClient.setQueryData<OpenCrises>(openCrisesQueryKey, (old) => ({ items: change(old?.items ?? []) }));

  useSocketEvent('contact.crisis', (event) => {
    patch((items) => [event, ...items.filter((a) => a.contactId !== event.contactId)]);
    void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
  });

  const dismiss = (contactId: string) => {
    patch((items) => items.filter((a) => a.contactId !== contactId));
    // Not acknowledged (offline, server error): the alert comes back with the next reload of the list.
    acknowledgeCrisis(contactId).catch(
      () => void queryClient.invalidateQueries({ queryKey: openCrisesQueryKey }),
    );
  };

  const items = open.data?.items ?? [];
  return { alerts: items.slice(0, SHOWN), more: Math.max(0, items.length - SHOWN), dismiss };
}
