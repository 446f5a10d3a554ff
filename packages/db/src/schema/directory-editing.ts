import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bilingualText, timestamps } from './columns';

/**
 * HSDS taxonomies: the vocabularies that taxonomy_terms.taxonomy names. A term whose taxonomy has no row
 * still gets an HSDS taxonomy id, md5('taxonomy:' || name)::uuid. Mirrors migrations/0005_directory_editing.sql
 * That migration also adds indexes to tables of schema/directory.ts (verification order, name order, and
 * site distance), which stay declared in SQL only so that file keeps one owner.
 */
export const taxonomies = pgTable('taxonomies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique(),
  ...bilingualText('description'),
  uri: text('uri'),
  version: text('version'),
  ...timestamps,
});
