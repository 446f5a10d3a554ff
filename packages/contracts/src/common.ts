import { z } from 'zod';

export const Role = z.enum(['specialist', 'followup', 'supervisor', 'editor', 'admin']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

export const Scope = z.enum(['intake:write', 'hsds:read', 'reports:read', 'import:write']);
export type Scope = z.infer<typeof Scope>;
export const SCOPES = Scope.options;

export const Locale = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof Locale>;

/** A stored locale as the contracts carry it: French when it says so, English otherwise. */
export const asLocale = (value: string | null | undefined): Locale => (value === 'fr' ? 'fr' : 'en');

// ---------------------------------------------------------------------------------------------------------
// Bilingual text. Readers show the wanted language and fall back to the other; either may be missing.

/** A value in English and in French. */
export interface Bilingual<T> {
  en: T;
  fr: T;
}

/** The zod schema of a Bilingual value: `{ en, fr }`, each checked by `schema`. */
export const bilingual = <S extends z.ZodType>(schema: S) => z.object({ en: schema, fr: schema });

/** The value in `lang`, else in the other language; undefined when neither has one. */
export function pickLanguage<T>(
  lang: Locale,
  en: T | null | undefined,
  fr: T | null | undefined,
): T | undefined {
  return (lang === 'fr' ? (fr ?? en) : (en ?? fr)) ?? undefined;
}

/**
 * A bilingual pair stored side by side, as the records and their columns name it: `name` → `nameEn`,
 * `nameFr`. Both fields have the same type.
 */
export type BilingualFields<N extends string, T> = { [K in `${N}En` | `${N}Fr`]: T };

/** The two fields of a side-by-side pair, with one value (a zod schema, a column, a default) for both. */
export function bilingualFields<N extends string, T>(name: N, value: T): BilingualFields<N, T> {
  return { [`${name}En`]: value, [`${name}Fr`]: value } as BilingualFields<N, T>;
}

/** `{ en, fr }` of a side-by-side pair: `bilingualOf(row, 'name')` is `{ en: row.nameEn, fr: row.nameFr }`. */
export function bilingualOf<N extends string, R extends BilingualFields<N, unknown>>(
  record: R,
  name: N,
): Bilingual<R[`${N}En` | `${N}Fr`]> {
  const [en, fr] = [`${name}En` as `${N}En`, `${name}Fr` as `${N}Fr`];
  return { en: record[en], fr: record[fr] } as Bilingual<R[`${N}En` | `${N}Fr`]>;
}

/** The side-by-side pair of `{ en, fr }`: `bilingualPair('name', v)` is `{ nameEn: v.en, nameFr: v.fr }`. */
export function bilingualPair<N extends string, T>(name: N, value: Bilingual<T>): BilingualFields<N, T> {
  return { [`${name}En`]: value.en, [`${name}Fr`]: value.fr } as BilingualFields<N, T>;
}

export const Uuid = z.uuid();

export const ErrorCode = z.enum([
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  /** Where the problem is, e.g. `body.needs.0.category` */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(FieldError).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
  });

export const OkResponse = z.object({ ok: z.literal(true) });
