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
import { routeOptions } from '../../lib/route-options';
import * as account from './account.service';

const tags = ['account'];
/** Any signed-in staff member, about their own account only. */
const self = routeOptions({ roles: 'any' as const }, tags);
/** Reachable before the steps a session must take first (they are these steps). */
const step = routeOptions({ roles: 'any' as const, duringRequiredSteps: true as const }, tags);

export const accountRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post(
    '/api/account/password',
    step({ body: ChangePasswordRequest, response: { 200: EndedSessions } }),
    async (request) => account.changePassword({ ctx: request.ctx, input: request.body }, config),
  );

  app.get('/api/account/sessions', self({ response: { 200: AccountSessionList } }), async (request) => ({
    items: await account.listOwnSessions({ ctx: request.ctx }),
  }));

  app.post(
    '/api/account/sessions/:id/end',
    self({ params: AccountSessionParams, response: { 200: EndedSessions } }),
    async (request) => account.endOwnSession({ ctx: request.ctx, input: request.params }),
  );

  app.post('/api/account/sessions/end-others', self({ response: { 200: EndedSessions } }), async (request) =>
    account.endOtherSessions({ ctx: request.ctx }),
  );

  app.post(
    '/api/account/totp/setup',
    step({ body: TotpSetupRequest, response: { 200: TotpSetup } }),
    async (request, reply) => {
      // The secret is shown this once: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return account.startTotpSetup({ ctx: request.ctx, input: request.body, config });
    },
  );

  app.post(
    '/api/account/totp/confirm',
    step({ body: TotpConfirmRequest, response: { 200: OkResponse } }),
    async (request) => account.confirmTotp({ ctx: request.ctx, input: request.body }),
  );

  app.post(
    '/api/account/totp/disable',
    self({ body: TotpDisableRequest, response: { 200: OkResponse } }),
    async (request) => account.disableTotp({ ctx: request.ctx, input: request.body }, config),
  );
};
