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
import * as staff from './staff.service';

const admins = { access: { roles: ['admin'] as const } };
const tags = ['staff'];

export const staffRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/staff',
    { config: admins, schema: { tags, querystring: StaffListQuery, response: { 200: StaffPage } } },
    async (request) => staff.listStaff({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/api/staff/:id',
    { config: admins, schema: { tags, params: StaffIdParams, response: { 200: StaffMember } } },
    async (request) => staff.getStaff({ ctx: request.ctx, input: request.params }),
  );

  app.post(
    '/api/staff',
    { config: admins, schema: { tags, body: CreateStaffRequest, response: { 201: StaffMember } } },
    async (request, reply) => {
      const row = await staff.createStaff({ ctx: request.ctx, input: request.body }, config);
      return reply.status(201).send(staff.staffMemberOf(row));
    },
  );

  app.patch(
    '/api/staff/:id',
    {
      config: admins,
      schema: { tags, params: StaffIdParams, body: UpdateStaffRequest, response: { 200: StaffMember } },
    },
    async (request) =>
      staff.updateStaff({ ctx: request.ctx, input: { ...request.body, id: request.params.id } }),
  );

  app.post(
    '/api/staff/:id/disable',
    { config: admins, schema: { tags, params: StaffIdParams, response: { 200: StaffMember } } },
    async (request) => staff.disableStaff({ ctx: request.ctx, input: request.params }),
  );

  app.post(
    '/api/staff/:id/enable',
    { config: admins, schema: { tags, params: StaffIdParams, response: { 200: StaffMember } } },
    async (request) => staff.enableStaff({ ctx: request.ctx, input: request.params }),
  );

  app.post(
    '/api/staff/:id/reset-password',
    {
      config: admins,
      schema: { tags, params: StaffIdParams, body: ResetPasswordRequest, response: { 200: StaffMember } },
    },
    async (request) =>
      staff.resetPassword({ ctx: request.ctx, input: { ...request.body, id: request.params.id } }, config),
  );

  app.post(
    '/api/staff/:id/reset-totp',
    { config: admins, schema: { tags, params: StaffIdParams, response: { 200: StaffMember } } },
    async (request) => staff.resetTotp({ ctx: request.ctx, input: request.params }),
  );
};
