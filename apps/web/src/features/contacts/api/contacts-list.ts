import { ContactPage, type ContactSearchRequest } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const contactsListQueryKey = ['contacts', 'list'] as const;

/** POST /api/contacts/search: the filters (a place is personal data) travel in the body, never in the URL. */
export const contactsListQueryOptions = (query: ContactSearchRequest) =>
  queryOptions({
    queryKey: [...contactsListQueryKey, query],
    queryFn: ({ signal }) => api.post('/api/contacts/search', ContactPage, query, { signal }),
    placeholderData: keepPreviousData,
  });

export const useContactsList = (query: ContactSearchRequest) => useQuery(contactsListQueryOptions(query));
