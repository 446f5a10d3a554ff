import { TaxonomyList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** GET /api/directory/taxonomy: the category tree, shared by the search panel and the contact screens. */
export const taxonomyQueryOptions = () =>
  queryOptions({
    queryKey: ['directory', 'taxonomy'],
    queryFn: ({ signal }) => api.get('/api/directory/taxonomy', TaxonomyList, { signal }),
    staleTime: 10 * 60_000,
  });

export const useTaxonomy = () => useQuery(taxonomyQueryOptions());
