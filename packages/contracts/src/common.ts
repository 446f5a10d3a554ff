import { z } from 'zod';

export const Role = z.enum(['specialist', 'followup', 'supervisor', 'editor', 'admin']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

export const Scope = z.enum(['intake:write', 'hsds:read', 'reports:read', 'import:write']);
export type Scope = z.infer<typeof Scope>;
export const SCOPES = Scope.options;

export const Locale = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof Locale>;

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
