import {
  CreateStaffRequest,
  ResetPasswordRequest,
  StaffIdParams,
  StaffListQuery,
  StaffMember,
  StaffPage,
  UpdateStaffRequest,
} from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { routeOptions } from '../../lib/route-options';
import * as staff from './staff.service';

const admins = routeOptions({ roles: ['admin'] as const }, ['staff']);

/** The actions on one staff member that take only the id and answer the member as it then is. */
const BY_ID = [
  ['GET', '/api/staff/:id', staff.getStaff],
  ['POST', '/api/staff/:id/disable', staff.disableStaff],
  ['POST', '/api/staff/:id/enable', staff.enableStaff],
  ['POST', '/api/staff/:id/reset-totp', staff.resetTotp],
] as const;

export const staffRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/staff',
    admins({ querystring: StaffListQuery, response: { 200: StaffPage } }),
    async (request) => staff.listStaff({ ctx: request.ctx, input: request.query }),
  );

  for (const [method, url, action] of BY_ID) {
    app.route({
      method,
      url,
      ...admins({ params: StaffIdParams, response: { 200: StaffMember } }),
      handler: async (request) => action({ ctx: request.ctx, input: request.params }),
    });
  }

  app.post(
    '/api/staff',
    admins({ body: CreateStaffRequest, response: { 201: StaffMember } }),
    async (request, reply) => {
      const row = await staff.createStaff({ ctx: request.ctx, input: request.body }, config);
      return reply.status(201).send(staff.staffMemberOf(row));
    },
  );

  app.patch(
    '/api/staff/:id',
    admins({ params: StaffIdParams, body: UpdateStaffRequest, response: { 200: StaffMember } }),
    async (request) =>
      staff.updateStaff({ ctx: request.ctx, input: { ...request.body, id: request.params.id } }),
  );

  app.post(
    '/api/staff/:id/reset-password',
    admins({ params: StaffIdParams, body: ResetPasswordRequest, response: { 200: StaffMember } }),
    async (request) =>
      staff.resetPassword({ ctx: request.ctx, input: { ...request.body, id: request.params.id } }, config),
  );
};
