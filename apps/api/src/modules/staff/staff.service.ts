import {
  asLocale,
  MIN_PASSWORD_LENGTH,
  ROLES,
  rooms,
  type Role,
  type StaffListQuery,
  type StaffMember,
  type UpdateStaffRequest,
} from '@relais/contracts';
import { changedFields } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors';
import { hashPassword } from '../../lib/passwords';
import { isoOrNull } from '../../lib/serialize';
import { withTransaction } from '../../lib/transaction';
import { staffIdOfEmail, TOTP_CLEARED } from '../auth/auth.service';
import * as q from './staff.queries';

export { MIN_PASSWORD_LENGTH };

export interface CreateStaffInput {
  email: string;
  name: string;
  roles: Role[];
  password: string;
  locale?: 'en' | 'fr';
}

interface PasswordPolicy {
  demo: boolean;
}

/** Roles without repeats, in the one fixed order, so a reordered list is not a change. */
const canonicalRoles = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

export function staffMemberOf(row: q.StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    locale: asLocale(row.locale),
    disabled: row.disabledAt !== null,
    disabledAt: isoOrNull(row.disabledAt),
    lastLoginAt: isoOrNull(row.lastLoginAt),
    createdAt: row.createdAt.toISOString(),
    totpEnabled: row.totpEnabledAt !== null,
  };
}

function checkPassword(password: string, policy: PasswordPolicy) {
  if (!policy.demo && password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/** Tells admins' consoles that the staff list changed (ids only). */
function publishChanged(ctx: ServiceContext, id: string, action: 'created' | 'updated') {
  ctx.realtime.publish('entity.changed', { entity: 'staff', id, action }, [
    rooms.role('admin'),
    rooms.staff(id),
  ]);
}

export async function listStaff({ ctx, input }: { ctx: ServiceContext; input: StaffListQuery }) {
  const { items, total } = await q.listStaff(ctx.db, input);
  return { items: items.map(staffMemberOf), total, page: input.page, perPage: input.perPage };
}

export async function getStaff({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const row = await q.findStaffById(ctx.db, input.id);
  if (!row) throw notFound('Staff member');
  return staffMemberOf(row);
}

export async function createStaff(
  { ctx, input }: { ctx: ServiceContext; input: CreateStaffInput },
  policy: PasswordPolicy,
) {
  checkPassword(input.password, policy);
  if (input.roles.length === 0) throw invalid('roles', 'give at least one role');
  if (await staffIdOfEmail(ctx.db, input.email)) throw conflict(`${input.email} already has an account`);
  const passwordHash = await hashPassword(input.password);
  const row = await withTransaction(ctx, async (tx, audit) => {
    const created = await q.insertStaff(tx, {
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash,
      roles: canonicalRoles(input.roles),
      locale: input.locale ?? 'en',
    });
    await audit({
      action: 'create',
      entityType: 'staff',
      entityId: created.id,
      fields: ['email', 'name', 'roles', 'password'],
    });
    return created;
  });
  publishChanged(ctx, row.id, 'created');
  return row;
}

/**
 * Refuses a change that would leave no active admin. `admins` comes from lockActiveAdmins, taken first
 * in the transaction (in id order) so that concurrent demotions queue instead of deadlocking.
 */
function keepOneAdmin(admins: string[], target: q.StaffRow) {
  if (target.disabledAt || !target.roles.includes('admin')) return;
  if (admins.filter((id) => id !== target.id).length === 0) {
    throw conflict('This is the last active admin: make someone else an admin first');
  }
}

export async function updateStaff({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: UpdateStaffRequest & { id: string };
}) {
  const { id, ...changes } = input;
  if (changes.roles) changes.roles = canonicalRoles(changes.roles);
  const result = await withTransaction(ctx, async (tx, audit) => {
    const demoting = changes.roles !== undefined && !changes.roles.includes('admin');
    const admins = demoting ? await q.lockActiveAdmins(tx) : [];
    const before = await q.lockStaff(tx, id);
    if (!before) throw notFound('Staff member');
    const fields = changedFields(before as Record<string, unknown>, changes);
    if (fields.length === 0) return { row: before, fields };
    if (demoting) keepOneAdmin(admins, before);
    const row = await q.updateStaff(tx, id, changes);
    await audit({ action: 'update', entityType: 'staff', entityId: id, fields });
    return { row, fields, oldRoles: before.roles };
  });
  if (result.fields.length > 0) {
    if (result.oldRoles) moveRoleRooms(ctx, id, result.oldRoles, result.row.roles);
    publishChanged(ctx, id, 'updated');
  }
  return staffMemberOf(result.row);
}

/** Live sockets follow a role change without reconnecting (works across processes via the adapter). */
function moveRoleRooms(ctx: ServiceContext, id: string, before: string[], after: string[]) {
  const leave = before.filter((r) => !after.includes(r)).map(rooms.role);
  const join = after.filter((r) => !before.includes(r)).map(rooms.role);
  const mine = ctx.realtime.io.in(rooms.staff(id));
  if (leave.length) mine.socketsLeave(leave);
  if (join.length) mine.socketsJoin(join);
}

export async function disableStaff({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  if (ctx.actor.type === 'staff' && ctx.actor.id === input.id) {
    throw new AppError('conflict', 'You cannot disable your own account');
  }
  const result = await withTransaction(ctx, async (tx, audit) => {
    const admins = await q.lockActiveAdmins(tx);
    const before = await q.lockStaff(tx, input.id);
    if (!before) throw notFound('Staff member');
    if (before.disabledAt) return { row: before, changed: false };
    keepOneAdmin(admins, before);
    const row = await q.updateStaff(tx, input.id, { disabledAt: new Date() });
    await q.deleteSessionsOf(tx, input.id);
    await audit({ action: 'disable', entityType: 'staff', entityId: input.id, fields: ['disabledAt'] });
    return { row, changed: true };
  });
  if (result.changed) {
    ctx.realtime.disconnectStaff(input.id, 'disabled');
    publishChanged(ctx, input.id, 'updated');
  }
  return staffMemberOf(result.row);
}

export async function enableStaff({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const result = await withTransaction(ctx, async (tx, audit) => {
    const before = await q.lockStaff(tx, input.id);
    if (!before) throw notFound('Staff member');
    if (!before.disabledAt) return { row: before, changed: false };
    const row = await q.updateStaff(tx, input.id, { disabledAt: null });
    await audit({ action: 'enable', entityType: 'staff', entityId: input.id, fields: ['disabledAt'] });
    return { row, changed: true };
  });
  if (result.changed) publishChanged(ctx, input.id, 'updated');
  return staffMemberOf(result.row);
}

/**
 * Sets a new password and ends the person's sessions (an admin resetting their own keeps this one).
 * Someone else's reset must be followed by their own change at their next sign-in: the admin knows it.
 */
export async function resetPassword(
  { ctx, input }: { ctx: ServiceContext; input: { id: string; password: string } },
  policy: PasswordPolicy,
) {
  checkPassword(input.password, policy);
  const passwordHash = await hashPassword(input.password);
  return resetCredentials(ctx, input.id, (self) => ({ passwordHash, mustChangePassword: !self }), {
    action: 'password_reset',
    field: 'password',
  });
}

/**
 * An admin's change to someone's credentials, audited: their sessions and live connections end (an admin
 * changing their own keeps the session they are using).
 */
async function resetCredentials(
  ctx: ServiceContext,
  id: string,
  changes: (self: boolean) => Parameters<typeof q.updateStaff>[2],
  change: { action: string; field: string },
) {
  const self = ctx.actor.type === 'staff' && ctx.actor.id === id;
  const done = await withTransaction(ctx, async (tx, audit) => {
    const before = await q.lockStaff(tx, id);
    if (!before) throw notFound('Staff member');
    const updated = await q.updateStaff(tx, id, changes(self));
    const ended = await q.deleteSessionsOf(
      tx,
      id,
      self && ctx.actor.type === 'staff' ? ctx.actor.sessionId : undefined,
    );
    await audit({ action: change.action, entityType: 'staff', entityId: id, fields: [change.field] });
    return { updated, ended };
  });
  // Someone else: every live connection of theirs. Oneself: those of the sessions just ended.
  if (!self) ctx.realtime.disconnectStaff(id, 'logout');
  else for (const sessionId of done.ended) ctx.realtime.disconnectSession(sessionId, 'logout');
  publishChanged(ctx, id, 'updated');
  return staffMemberOf(done.updated);
}

/**
 * Removes a person's two-step verification (a lost or replaced phone) and ends their sessions: at the
 * next sign-in the password is enough, and they set it up again (at once where the centre requires it).
 */
export async function resetTotp({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  // One's own goes through My account, which asks for the password: a session alone is not enough.
  if (ctx.actor.type === 'staff' && ctx.actor.id === input.id) {
    throw forbidden('Turn off your own two-step verification under My account');
  }
  return resetCredentials(ctx, input.id, () => TOTP_CLEARED, { action: 'totp_reset', field: 'totp' });
}

/** For the CLI, which names people by email. */
export async function staffIdByEmail(ctx: ServiceContext, email: string) {
  const id = await staffIdOfEmail(ctx.db, email);
  if (!id) throw notFound(`Staff member ${email}`);
  return id;
}
