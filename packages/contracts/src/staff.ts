import { z } from 'zod';
import { Locale, PageQuery, pageOf, Role } from './common';

/** Minimum password length outside demo mode. */
export const MIN_PASSWORD_LENGTH = 12;

const Email = z.email().max(320);
const Name = z.string().trim().min(1).max(200);
const Roles = z.array(Role).min(1, 'give at least one role').max(5);
const Password = z.string().min(1).max(1024);

/** A staff account as admins see it. */
export const StaffMember = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  locale: Locale,
  disabled: z.boolean(),
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Two-step verification is set up (an admin can remove it for a lost phone). */
  totpEnabled: z.boolean().optional(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffStatus = z.enum(['active', 'disabled', 'all']);
export type StaffStatus = z.infer<typeof StaffStatus>;

export const StaffListQuery = PageQuery.extend({
  /** Part of a name or email. */
  q: z.string().trim().max(200).optional(),
  status: StaffStatus.default('all'),
  role: Role.optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

export const StaffPage = pageOf(StaffMember);
export type StaffPage = z.infer<typeof StaffPage>;

export const CreateStaffRequest = z.object({
  email: Email,
  name: Name,
  roles: Roles,
  password: Password,
  locale: Locale.optional(),
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

/** Any subset; fields left out are unchanged. */
export const UpdateStaffRequest = z
  .object({ name: Name, roles: Roles, locale: Locale })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const ResetPasswordRequest = z.object({ password: Password });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const StaffIdParams = z.object({ id: z.uuid() });
export type StaffIdParams = z.infer<typeof StaffIdParams>;
