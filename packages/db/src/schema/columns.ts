import { text, timestamp, uuid, type AnyPgColumn, type PgTextBuilderInitial } from 'drizzle-orm/pg-core';

/** Column shapes several tables share, so each is declared once. */

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A row's owner: required, and deleting the owner deletes the row (ON DELETE CASCADE). */
export const ownerId = (name: string, owner: () => AnyPgColumn) =>
  uuid(name).notNull().references(owner, { onDelete: 'cascade' });

type NullableText = PgTextBuilderInitial<string, [string, ...string[]]>;

/**
 * Human-readable text in both languages side by side, each nullable (readers fall back to the other):
 * `bilingualText('alternateName')` is `alternateNameEn` (alternate_name_en) and `alternateNameFr`.
 */
export function bilingualText<N extends string>(name: N): { [K in `${N}En` | `${N}Fr`]: NullableText } {
  const column = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const en: NullableText = text(`${column}_en`);
  const fr: NullableText = text(`${column}_fr`);
  return { [`${name}En`]: en, [`${name}Fr`]: fr } as { [K in `${N}En` | `${N}Fr`]: NullableText };
}
