import {
  AccountSessionList,
  AccountSessionParams,
  ChangePasswordRequest,
  EndedSessions,
  OkResponse,
  TotpConfirmRequest,
  TotpDisableRequest,
  TotpSetup,
  TotpSetupRequest,
} from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import * as account from './account.service';

const tags = ['account'];
/** Any signed-in staff member, about their own account only. */
const self = { access: { roles: 'any' as const } };
/** Reachable before the steps a session must take first (they are these steps). */
const step = { access: { roles: 'any' as const, duringRequiredSteps: true as const } };

export const accountRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post(
    '/api/account/password',
    { config: step, schema: { tags, body: ChangePasswordRequest, response: { 200: EndedSessions } } },
    async (request) => account.changePassword({ ctx: request.ctx, input: request.body }, config),
  );

  app.get(
    '/api/account/sessions',
    { config: self, schema: { tags, response: { 200: AccountSessionList } } },
    async (request) => ({ items: await account.listOwnSessions({ ctx: request.ctx }) }),
  );

  app.post(
    '/api/account/sessions/:id/end',
    { config: self, schema: { tags, params: AccountSessionParams, response: { 200: EndedSessions } } },
    async (request) => account.endOwnSession({ ctx: request.ctx, input: request.params }),
  );

  app.post(
    '/api/account/sessions/end-others',
    { config: self, schema: { tags, response: { 200: EndedSessions } } },
    async (request) => account.endOtherSessions({ ctx: request.ctx }),
  );

  app.post(
    '/api/account/totp/setup',
    { config: step, schema: { tags, body: TotpSetupRequest, response: { 200: TotpSetup } } },
    async (request, reply) => {
      // The secret is shown this once: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return account.startTotpSetup({ ctx: request.ctx, input: request.body, config });
    },
  );

  app.post(
    '/api/account/totp/confirm',
    { config: step, schema: { tags, body: TotpConfirmRequest, response: { 200: OkResponse } } },
    async (request) => account.confirmTotp({ ctx: request.ctx, input: request.body }),
  );

  app.post(
    '/api/account/totp/disable',
    { config: self, schema: { tags, body: TotpDisableRequest, response: { 200: OkResponse } } },
    async (request) => account.disableTotp({ ctx: request.ctx, input: request.body }, config),
  );
};
