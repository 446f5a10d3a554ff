import { TaxonomyList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const taxonomyQueryOptions = () =>
  queryOptions({
    queryKey: ['directory', 'taxonomy'],
    queryFn: ({ signal }) => api.get('/api/directory/taxonomy', TaxonomyList, { signal }),
    staleTime: 30 * 60_000,
    select: (data) => data.items,
  });

export const useTaxonomy = () => useQuery(taxonomyQueryOptions());
