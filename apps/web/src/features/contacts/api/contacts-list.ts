import { ContactPage, type ContactListQuery } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const contactsListQueryKey = ['contacts', 'list'] as const;

export const contactsListQueryOptions = (query: ContactListQuery) =>
  queryOptions({
    queryKey: [...contactsListQueryKey, query],
    queryFn: ({ signal }) => api.get('/api/contacts', ContactPage, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

export const useContactsList = (query: ContactListQuery) => useQuery(contactsListQueryOptions(query));
