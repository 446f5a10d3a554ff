import { topLevelCategory, type TaxonomyTerm } from '@relais/contracts';
import { localeOf, localize } from '../../../lib/localize';

export interface TaxonomyIndex {
  byId: Map<string, TaxonomyTerm>;
  categories: TaxonomyTerm[];
  childrenOf: (id: string) => TaxonomyTerm[];
}

export function indexTaxonomy(terms: TaxonomyTerm[], locale: string): TaxonomyIndex {
  const byId = new Map(terms.map((t) => [t.id, t]));
  const children = new Map<string, TaxonomyTerm[]>();
  const categories: TaxonomyTerm[] = [];
  for (const term of terms) {
    if (term.parentId === null || !byId.has(term.parentId)) categories.push(term);
    else children.set(term.parentId, [...(children.get(term.parentId) ?? []), term]);
  }
  const byName = (a: TaxonomyTerm, b: TaxonomyTerm) =>
    termName(a, locale).localeCompare(termName(b, locale), locale);
  categories.sort(byName);
  for (const list of children.values()) list.sort(byName);
  return { byId, categories, childrenOf: (id) => children.get(id) ?? [] };
}

export function termName(term: TaxonomyTerm, locale: string): string {
  return localize(localeOf(locale), term.nameEn, term.nameFr) || term.id;
}

/** "Housing › Rent assistance", or the bare id while the taxonomy is loading. */
export function termPath(index: TaxonomyIndex | undefined, termId: string, locale: string): string {
  const term = index?.byId.get(termId);
  if (!index || !term) return termId;
  const parent = term.parentId ? index.byId.get(term.parentId) : undefined;
  return parent ? `${termName(parent, locale)} › ${termName(term, locale)}` : termName(term, locale);
}

/** The top-level category a term belongs to. */
export function categoryOf(index: TaxonomyIndex | undefined, termId: string): string {
  return topLevelCategory(termId, (id) => {
    const parentId = index?.byId.get(id)?.parentId;
    return parentId && index?.byId.has(parentId) ? parentId : null;
  });
}
