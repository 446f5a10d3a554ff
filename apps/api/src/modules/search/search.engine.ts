import type { Db } from '@relais/db';
import type { SearchEngine, SearchOutcome, SearchQuery } from './search.filters';
import { freshIndex } from './search.loading';
import { searchSql } from './search.sql';

/** Answers a search: from the in-memory index when it models the query, else (or when told) from SQL. */
export async function runSearch(db: Db, query: SearchQuery, engine: SearchEngine): Promise<SearchOutcome> {
  if (engine === 'sql') return searchSql(db, query);
  return (await freshIndex(db)).search(query) ?? searchSql(db, query);
}
