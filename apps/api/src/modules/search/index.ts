/**
 * The directory's search engine, the one entry for every module that searches (the console's directory
 * search, the HSDS API) or keeps the searched rows fresh (editors, imports).
 */
export type {
  Facet,
  SearchEngine,
  SearchOutcome,
  SearchQuery,
  SearchRow,
  SearchScope,
} from './search.filters';
export { searchQuery } from './search.filters';
export type { QueryNode } from './search.query';
export { allOf, anyOf } from './search.query';
export { analyse, webSearchQuery, wordQuery, type WordAnalysis } from './search.analysis';
export { runSearch } from './search.engine';
export { freshIndex, warmIndex } from './search.loading';
export {
  refreshAllSearchDocuments,
  refreshSearchDocument,
  refreshSearchDocuments,
  refreshTaxonomyLexicon,
  servicesTouching,
} from './search.documents';
