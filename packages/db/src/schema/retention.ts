import { index, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts';

/**
 * The retention policy's record (RETENTION_DAYS). Mirrors migrations/0011_directory_retention.sql. A contact
 * with a row in contactRetention holds statistics only: its caller's name and number and its free-text notes
 * are gone (apps/api/src/modules/retention lists exactly which fields).
 */

/** One row per run that anonymised at least one contact. */
export const retentionRuns = pgTable('retention_runs', {
  id: uuid('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  days: integer('days').notNull(),
  /** Contacts closed before this instant were in scope. */
  closedBefore: timestamp('closed_before', { withTimezone: true }).notNull(),
  contacts: integer('contacts').notNull().default(0),
});

/** The primary key is a run's claim on the contact: no contact is anonymised twice, by any process. */
export const contactRetention = pgTable(
  'contact_retention',
  {
    contactId: uuid('contact_id')
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** DEFERRABLE INITIALLY DEFERRED in the SQL: a batch claims its contacts before it adds to its run's row. */
    runId: uuid('run_id')
      .notNull()
      .references(() => retentionRuns.id),
    anonymizedAt: timestamp('anonymized_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_retention_run_idx').on(t.runId)],
);
