import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTaxonomy } from '../../../lib/taxonomy';
import { indexTaxonomy } from '../model/taxonomy';

/** The taxonomy indexed and sorted in the reader's language (undefined while it loads), and its query. */
export function useTaxonomyIndex() {
  const { i18n } = useTranslation();
  const query = useTaxonomy();
  const taxonomy = useMemo(
    () => (query.data ? indexTaxonomy(query.data.items, i18n.language) : undefined),
    [query.data, i18n.language],
  );
  return { taxonomy, query };
}
